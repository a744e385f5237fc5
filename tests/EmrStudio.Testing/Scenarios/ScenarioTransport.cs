namespace EmrStudio.Testing.Scenarios;

/// <summary>How the handler reaches the fakes of a <see cref="ScenarioWorld"/>.</summary>
public enum ScenarioTransport
{
    /// <summary>EMR and the ResponseURLs over plain HTTP.</summary>
    PlainHttp,

    /// <summary>EMR and the ResponseURLs over HTTPS from a test CA that <c>SSL_CERT_FILE</c> names.</summary>
    TrustedHttps,

    /// <summary>
    /// EMR over HTTPS from a test CA nobody told the handler about; the ResponseURLs stay plain HTTP, so that the
    /// FAILED answer that the certificate error leads to can still be observed.
    /// </summary>
    UntrustedHttps,
}
