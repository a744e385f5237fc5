namespace EmrStudio.Testing.Iam;

/// <summary>Decides, as IAM would, whether the holder of an access key may perform an action on a resource.</summary>
public interface IAccessAuthorizer
{
    /// <summary>The decision for one action on one resource; throws when the policies hold something it cannot evaluate.</summary>
    AccessDecision Authorize(string accessKeyId, string action, string resource);
}
