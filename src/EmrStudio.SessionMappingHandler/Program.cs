using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Hosting;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Platform;






// First, while this is the only thread: it changes the native environment that the first TLS connection reads.
SingleFileRootStore.ApplyToProcess();

// Wiring only: Lambda captures standard output as the function's log, and its log level is Lambda's to set.
var log = new JsonLogger(Console.OpenStandardOutput(), minimumLevel: LambdaLogLevel.FromEnvironment(ProcessEnvironment.Instance));
return await HandlerApplication.RunAsync(ProcessEnvironment.Instance, new DefaultChainCredentials(), log, CancellationToken.None);
