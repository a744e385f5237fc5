using EmrStudio.SessionMappingHandler.Bootstrap;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Helpers;
using EmrStudio.SessionMappingHandler.Logging;

// Wiring only: Lambda captures standard output as the function's log.
var log = new JsonLogger(Console.OpenStandardOutput());
return await HandlerApplication.RunAsync(ProcessEnvironment.Instance, new DefaultChainCredentials(), log, CancellationToken.None);
