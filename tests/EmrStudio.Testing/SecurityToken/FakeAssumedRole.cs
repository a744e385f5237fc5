namespace EmrStudio.Testing.SecurityToken;

/// <summary>Credentials <see cref="FakeSecurityToken"/> issued: a session of <paramref name="RoleArn"/> for the caller of <paramref name="CallerAccessKeyId"/>.</summary>
public sealed record FakeAssumedRole(string AccessKeyId, string SecretAccessKey, string SessionToken, string RoleArn, string SessionName, string CallerAccessKeyId);
