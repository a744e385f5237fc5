namespace EmrStudio.Cdk;

/// <summary>How a StackSet's <see cref="StudioSessionMappingStackSetProps.Accounts"/> combine with its organizational units.</summary>
public enum StackSetAccountFilter
{
    /// <summary>Only the listed accounts of the organizational units (<c>INTERSECTION</c>).</summary>
    Intersection,

    /// <summary>Every account of the organizational units except the listed ones (<c>DIFFERENCE</c>).</summary>
    Difference,

    /// <summary>Every account of the organizational units, and the listed accounts too (<c>UNION</c>).</summary>
    Union,
}
