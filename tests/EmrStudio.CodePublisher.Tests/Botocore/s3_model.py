"""What botocore's S3 model says about the operations the S3 front answers, and what botocore makes of the front.

  python3 s3_model.py describe OPERATION...
      For each operation: its HTTP binding, whether the request needs an integrity checksum, and the XML element
      paths of its request and response payloads (named as botocore's rest-xml serializer names them), with the
      values each enumeration allows. Input paths are also checked against a body botocore itself serializes.

  python3 s3_model.py roundtrip ENDPOINT BUCKET PUT:GET...
      With botocore's own client (SigV4, flexible checksums, path-style): for each PUT:GET pair, PUT a payload that
      fills every member the model declares, GET it back, and report what was sent, what botocore parsed from the
      answer, and the element paths of the raw answer. Then, for each GET on a bucket holding nothing, the error
      botocore raised. The bucket must exist, in us-east-1, with nothing configured.

Prints one JSON document on standard output.
"""
import datetime
import json
import sys
import xml.etree.ElementTree as ElementTree

import botocore.session
from botocore import serialize
from botocore.config import Config
from botocore.exceptions import ClientError

SESSION = botocore.session.get_session()
MODEL = SESSION.get_service_model('s3')


def element_paths(shape, name, parent, paths, enums):
    """Every element path the rest-xml serializer would write for shape under name."""
    path = f'{parent}/{name}' if parent else name
    if shape.type_name == 'structure':
        paths.add(path)
        for key, member in shape.members.items():
            if member.serialization.get('location') or member.serialization.get('xmlAttribute'):
                continue
            element_paths(member, member.serialization.get('name', key), path, paths, enums)
    elif shape.type_name == 'list':
        if shape.serialization.get('flattened'):
            element_paths(shape.member, name, parent, paths, enums)
        else:
            paths.add(path)
            element_paths(shape.member, shape.member.serialization.get('name', 'member'), path, paths, enums)
    else:
        paths.add(path)
        if getattr(shape, 'enum', None):
            enums[path] = list(shape.enum)


def sample(shape):
    """A value for shape with every member filled: the first enumeration value, true, one list item."""
    if shape.type_name == 'structure':
        return {key: sample(member) for key, member in shape.members.items()
                if not member.serialization.get('location')}
    if shape.type_name == 'list':
        return [sample(shape.member)]
    if shape.type_name == 'boolean':
        return True
    if shape.type_name in ('integer', 'long'):
        return 1
    if getattr(shape, 'enum', None):
        return shape.enum[0]
    return 'example'


def payload_of(shape):
    if shape is None:
        return None, None
    name = shape.serialization.get('payload')
    return name, (shape.members[name] if name else None)


def describe_side(shape, serialized_root):
    """Root element name (None when the model does not fix it), element paths below the root, enumerations."""
    name, payload = payload_of(shape)
    if payload is not None and payload.type_name != 'structure':
        return {'payloadType': payload.type_name, 'root': None, 'paths': [], 'enums': {}}
    body = payload if payload is not None else shape
    if body is None or not [m for m in body.members.values() if not m.serialization.get('location')]:
        return {'payloadType': None, 'root': None, 'paths': [], 'enums': {}}
    root = serialized_root(payload, name) if payload is not None else None
    paths, enums = set(), {}
    element_paths(body, '.', None, paths, enums)
    relative = sorted(p[2:] for p in paths if p != '.')
    return {'payloadType': 'structure', 'root': root,
            'paths': relative, 'enums': {p[2:]: v for p, v in enums.items()}}


def describe(operations):
    result = {'namespace': None, 'operations': {}}
    for operation_name in operations:
        operation = MODEL.operation_model(operation_name)
        checksum = operation.http_checksum or {}
        inputs = describe_side(operation.input_shape, lambda payload, name: payload.serialization.get('name', name))
        outputs = describe_side(operation.output_shape, lambda payload, name: payload.serialization.get('name', payload.name))
        name, payload = payload_of(operation.input_shape)
        if payload is not None and payload.type_name == 'structure':
            namespace = payload.serialization.get('xmlNamespace', {}).get('uri')
            result['namespace'] = result['namespace'] or namespace
            params = {'Bucket': 'model-check', name: sample(payload)}
            request = serialize.create_serializer('rest-xml', include_validation=True).serialize_to_request(params, operation)
            serialized = set()
            collect(ElementTree.fromstring(request['body']), None, serialized)
            expected = {inputs['root']} | {f"{inputs['root']}/{p}" for p in inputs['paths']}
            if serialized != expected:
                raise SystemExit(f'{operation_name}: derived paths {sorted(expected)} differ from serialized {sorted(serialized)}')
        result['operations'][operation_name] = {
            'method': operation.http['method'],
            'requestUri': operation.http['requestUri'],
            'checksumRequired': bool(operation.http_checksum_required or checksum.get('requestChecksumRequired')),
            'input': inputs,
            'output': outputs,
            'errors': [error.name for error in operation.error_shapes],
        }
    return result


def local(tag):
    return tag.split('}', 1)[1] if tag.startswith('{') else tag


def collect(element, parent, paths):
    path = f'{parent}/{local(element.tag)}' if parent else local(element.tag)
    paths.add(path)
    for child in element:
        collect(child, path, paths)


def plain(value):
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key != 'ResponseMetadata'}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return value


def client(endpoint, region):
    return SESSION.create_client(
        's3', region_name=region, endpoint_url=endpoint,
        aws_access_key_id='S3RVER', aws_secret_access_key='S3RVER',
        config=Config(s3={'addressing_style': 'path'}, retries={'max_attempts': 1}))


def roundtrip(endpoint, bucket, pairs):
    s3 = client(endpoint, 'us-east-1')
    answers = {}

    def keep_answer(http_response, model, **_):
        answers[model.name] = http_response.content

    s3.meta.events.register('after-call.s3', keep_answer)
    report = {'errors': {}, 'roundtrips': {}, 'createBucket': None}
    for pair in pairs:
        put_name, get_name = pair.split(':')
        get_operation = MODEL.operation_model(get_name)
        method = getattr(s3, botocore.xform_name(get_name))
        try:
            method(Bucket=bucket)
            report['errors'][get_name] = {'raised': None}
        except ClientError as error:
            report['errors'][get_name] = {
                'raised': type(error).__name__,
                'code': error.response['Error'].get('Code'),
                'message': error.response['Error'].get('Message'),
                'status': error.response['ResponseMetadata']['HTTPStatusCode'],
            }

        put_operation = MODEL.operation_model(put_name)
        name, payload = payload_of(put_operation.input_shape)
        if payload.type_name == 'structure':
            value = sample(payload)
        else:
            value = json.dumps({'Version': '2012-10-17', 'Statement': [{
                'Sid': 'ModelCheck', 'Effect': 'Deny', 'Principal': '*', 'Action': 's3:*',
                'Resource': f'arn:aws:s3:::{bucket}/*'}]}, indent=2)
        getattr(s3, botocore.xform_name(put_name))(Bucket=bucket, **{name: value})
        parsed = plain(method(Bucket=bucket))
        raw = answers.get(get_name, b'')
        paths = set()
        if raw.strip().startswith(b'<'):
            collect(ElementTree.fromstring(raw), None, paths)
        report['roundtrips'][put_name] = {
            'sent': plain(value),
            'parsed': parsed,
            'answerRoot': sorted(p for p in paths if '/' not in p),
            'answerPaths': sorted(p.split('/', 1)[1] for p in paths if '/' in p),
            'getOutputShape': get_operation.output_shape.name,
        }

    create = MODEL.operation_model('CreateBucket')
    name, payload = payload_of(create.input_shape)
    configuration = sample(payload)
    region = configuration['LocationConstraint']
    regional = client(endpoint, region)
    regional.create_bucket(Bucket=f'{bucket}-{region}', **{name: configuration})
    report['createBucket'] = {
        'sent': configuration,
        'location': plain(regional.get_bucket_location(Bucket=f'{bucket}-{region}')),
    }
    return report


if __name__ == '__main__':
    mode, arguments = sys.argv[1], sys.argv[2:]
    if mode == 'describe':
        document = describe(arguments)
    elif mode == 'roundtrip':
        document = roundtrip(arguments[0], arguments[1], arguments[2:])
    else:
        raise SystemExit(f'unknown mode {mode}')
    json.dump(document, sys.stdout, indent=2, sort_keys=True)
