import LagrangifyCLI
#if canImport(Glibc)
import Glibc
#endif

let code = Lagrangify.main(arguments: Array(CommandLine.arguments.dropFirst()), output: Output(streaming: true))
exit(code)
