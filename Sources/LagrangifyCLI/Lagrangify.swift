import Foundation

/// The root command: a table of subcommands, dispatch, and exit codes (0 success, 1 failure, 64 usage error).
///
/// `main(arguments:)` is a pure function of the arguments apart from the work the commands do, writing to an
/// `Output`, so tests run whole commands in-process.

/// Where a command writes. Tests read `stdout`/`stderr`; the executable streams them.
public final class Output {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    private let stream: Bool
    public init(streaming: Bool = false) { stream = streaming }
    public func write(_ s: String) {
        // Flushed at once: progress lines of long runs (train, corpus, eval) must reach a log file as they happen.
        if stream { print(s, terminator: ""); fflush(nil) } else { stdout += s }
    }
    public func line(_ s: String = "") { write(s + "\n") }
    public func error(_ s: String) {
        if stream { var e = StandardError(); print(s, terminator: "", to: &e) } else { stderr += s }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

/// A subcommand: its spec, and what it does with the parsed arguments.
public protocol Subcommand: Sendable {
    static var spec: CommandSpec { get }
    /// Validate `arguments` (throw `CLIError.usage`) and run. Returns the exit code.
    static func run(_ arguments: ParsedArguments, output: Output) throws -> Int32
}

public enum Lagrangify {
    public static let version = "0.1.0"

    /// Every subcommand, in the order `--help` lists them. Add a new command here (one line).
    public static let subcommands: [any Subcommand.Type] = [
        BuildCommand.self,
        FieldsCommand.self,
        CountCommand.self,
        DecomposeCommand.self,
        IrrepCommand.self,
        TrainCommand.self,
        PredictCommand.self,
        ExportCommand.self,
        ExportHFCommand.self,
        ImportHFCommand.self,
        TokensCommand.self,
        CorpusCommand.self,
        CheckCommand.self,
        EvalCommand.self,
    ]

    public static let overview = """
    OVERVIEW: lagrangify builds the most general renormalizable Lagrangian for a list of fields, exactly,
    under Lorentz invariance and SU(3)×SU(2)×U(1). Conventions: Q = T3 + Y (Y_H = 1/2); fermions are
    left-handed Weyl fields (a right-handed field enters as its conjugate).

    USAGE: lagrangify "FIELDS" [--generations N] [--format text|latex|json|tokens]
           lagrangify <subcommand> [options]

    EXAMPLES:
      lagrangify "Q L H"
      lagrangify "Phi:S(1,2,1/2) chi:F(3,1,2/3,R)"

    """

    static func rootHelp() -> String {
        var s = overview + "SUBCOMMANDS:\n"
        for c in subcommands where c.spec.name != BuildCommand.spec.name { s += formatRow(c.spec.name, c.spec.abstract) }
        s += "\n  See 'lagrangify help <subcommand>' for detailed help. 'lagrangify help build' describes the main job.\n"
        return s
    }

    /// Runs the command line (without the program name). Never traps on bad input.
    public static func main(arguments: [String], output: Output) -> Int32 {
        var args = arguments
        if args.isEmpty || args == ["--help"] || args == ["-h"] || args == ["help"] {
            output.write(rootHelp()); return args.isEmpty ? 64 : 0
        }
        if args == ["--version"] { output.line(version); return 0 }
        if args[0] == "help" {
            let name = args[1]
            guard let c = subcommands.first(where: { $0.spec.name == name }) else {
                return usageError(.usage("unknown subcommand '\(name)'" + suggestion(name)), spec: nil, output: output)
            }
            output.write(c.spec.helpText); return 0
        }
        let command: any Subcommand.Type
        if let c = subcommands.first(where: { $0.spec.name == args[0] }) {
            command = c; args.removeFirst()
        } else {
            command = BuildCommand.self     // the main job: lagrangify "Q L H"
        }
        do {
            let parsed = try parseArguments(args, specs: command.spec.options)
            if parsed.has("help") { output.write(command.spec.helpText); return 0 }
            return try command.run(parsed, output: output)
        } catch let e as CLIError {
            if case .usage = e { return usageError(e, spec: command.spec, output: output) }
            output.error("Error: \(e.description)\n"); return e.exitCode
        } catch {
            output.error("Error: \(error)\n"); return 1
        }
    }

    static func suggestion(_ name: String) -> String {
        closestMatch(to: name, among: subcommands.map { $0.spec.name }).map { "; did you mean '\($0)'?" } ?? ""
    }

    static func usageError(_ e: CLIError, spec: CommandSpec?, output: Output) -> Int32 {
        var s = "Error: \(e.description)\n"
        if let spec {
            s += "Usage: lagrangify \(spec.usage[0])\n  See 'lagrangify help \(spec.name)'.\n"
        } else {
            s += "  See 'lagrangify --help'.\n"
        }
        output.error(s)
        return 64
    }
}
