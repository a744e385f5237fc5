using EmrStudio.SessionMappingHandler.Bootstrap;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Helpers;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;

// First, while this is the only thread: it changes the native environment that the first TLS connection reads.
SingleFileRootStore.ApplyToProcess();

// Wiring only: Lambda captures standard output as the function's log.
var log = new JsonLogger(Console.OpenStandardOutput());
return await HandlerApplication.RunAsync(ProcessEnvironment.Instance, new DefaultChainCredentials(), log, CancellationToken.None);
