/// The main job: `lagrangify "Q L H"`.
enum BuildCommand: Subcommand {
    static let spec = CommandSpec(
        name: "build",
        abstract: "Build the most general renormalizable Lagrangian for a list of fields (the default command).",
        usage: ["[build] \"FIELDS\" [--generations N] [--format FORMAT]"],
        arguments: [("FIELDS", "Standard Model names (Q u d L e H N) or fields by quantum numbers.")],
        options: [
            OptionSpec("generations", value: "N", help: "Number of fermion generations.", default: "1"),
            OptionSpec("format", value: "FORMAT", help: "Output format.", default: "text",
                       allowed: ["text", "latex", "json", "tokens"]),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard !a.positionals.isEmpty else { throw CLIError.usage("no fields given; try lagrangify \"Q L H\"") }
        _ = try a.int("generations", range: 1...12)
        throw CLIError.failure("the Lagrangian builder is not built yet (issue 4); fields were: \(a.positionals.joined(separator: " "))")
    }
}
