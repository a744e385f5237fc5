using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Mapping.Operations;
using EmrStudio.SessionMappingHandler.Platform;
using EmrStudio.SessionMappingHandler.Reconcile;
using EmrStudio.SessionMappingHandler.Records;
using EmrStudio.SessionMappingHandler.Runtime;
using EmrStudio.SessionMappingHandler.StackStatus;

namespace EmrStudio.SessionMappingHandler.Hosting;

/// <summary>
/// The composition root: builds the layers from the environment and runs the invocation loop. Program.cs calls it
/// with the process's environment; in-process tests call it with a dictionary and the fakes' addresses, so that what
/// they test is wired exactly as the published bootstrap is.
/// </summary>
internal static class HandlerApplication
{
    /// <summary>Runs until <paramref name="stopToken"/> ends or the Runtime API says stop; returns the exit code.</summary>
    public static async Task<int> RunAsync(IEnvironment environment, AWSCredentials credentials, JsonLogger log, CancellationToken stopToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(log);

        using var runtime = new RuntimeApiClient(environment);
        CertificateTrust trust;
        ServiceEndpoint emrEndpoint;
        ServiceEndpoint cloudFormationEndpoint;
        ServiceEndpoint dynamoDbEndpoint;
        ServiceEndpoint stsEndpoint;
        EventAdmission admission;
        ReconcileOptions reconcile;
        try
        {
            trust = CertificateTrust.Resolve(environment);
            emrEndpoint = ServiceEndpointResolver.Resolve(environment, AwsService.Emr);
            cloudFormationEndpoint = ServiceEndpointResolver.Resolve(environment, AwsService.CloudFormation);
            dynamoDbEndpoint = ServiceEndpointResolver.Resolve(environment, AwsService.DynamoDb);
            stsEndpoint = ServiceEndpointResolver.Resolve(environment, AwsService.SecurityToken);
            admission = EventAdmission.FromEnvironment(environment, TimeProvider.System);
            reconcile = ReconcileOptions.FromEnvironment(environment);
        }
        catch (InvalidOperationException exception)
        {
            // Misconfiguration (no region, an unreadable SSL_CERT_FILE, a malformed trust list): Lambda shows it as an init error.
            log.Write(LogLevel.Error, "Initialization failed", new KeyValuePair<string, object?>("error", exception.Message));
            await runtime.PostInitErrorAsync(
                new RuntimeErrorBody { ErrorType = "Runtime.InitError", ErrorMessage = exception.Message },
                stopToken);
            return InvocationLoop.RuntimeApiExitCode;
        }

        using var emr = EmrClient.Create(emrEndpoint, trust, credentials, log);
        using var cloudFormation = StackStatusClient.Create(cloudFormationEndpoint, trust, credentials, log);
        var function = new InvokedFunction();
        using var stacks = StackStatusRouter.Create(
            cloudFormation,
            () => function.Account,
            environment.GetVariable(StackStatusRouter.RoleNameVariable),
            stsEndpoint,
            cloudFormationEndpoint,
            trust,
            credentials,
            log,
            TimeProvider.System);
        using var answerConnections = HttpHandlerFactory.Create(trust);
        // The responder bounds every PUT itself, against the Lambda deadline; HttpClient's own 100 s must not.
        using var answers = new HttpClient(answerConnections, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var recordTable = environment.GetVariable(DynamoDbMappingRecords.TableVariable)?.Trim();
        using var dynamoDb = string.IsNullOrEmpty(recordTable) ? null : DynamoDbClient.Create(dynamoDbEndpoint, trust, credentials, log);
        var records = dynamoDb is null ? null : new DynamoDbMappingRecords(dynamoDb, recordTable!);
        if (records is null)
        {
            log.Write(
                LogLevel.Info,
                $"No desired-state record: {DynamoDbMappingRecords.TableVariable} is not set, so redelivered events are not recognised and nothing can be reconciled.");
        }

        var operations = new SessionMappingOperations(emr, stacks, records, log, TimeProvider.System);
        var responder = new CloudFormationResponder(answers, log);
        var customResources = new CustomResourceInvocationHandler(operations, responder, admission, log);
        var reconciler = new ReconcileInvocationHandler(records, emr, stacks, log, log, TimeProvider.System, reconcile);
        var loop = new InvocationLoop(runtime, new InvocationRouter(customResources, reconciler, function), environment, log);
        return await loop.RunAsync(stopToken);
    }
}
