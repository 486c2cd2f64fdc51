import Lagrangian

/// `lagrangify fields`: the catalogue of named fields (Standard Model and common extensions).
enum FieldsCommand: Subcommand {
    static let spec = CommandSpec(
        name: "fields",
        abstract: "List the catalogue of named fields (Standard Model and common extensions) with their quantum numbers.",
        usage: ["fields"],
        discussion: "Quantum numbers are (SU(3), SU(2), Y) with Q = T3 + Y. Right-handed fermions are listed with the "
            + "quantum numbers of the right-handed field; the builder stores them as left-handed conjugates.",
        options: [])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard a.positionals.isEmpty else {
            throw CLIError.usage("'fields' takes no arguments; got '\(a.positionals[0])'")
        }
        let width = fieldCatalogue.map { ($0.name + ($0.aliases.isEmpty ? "" : " (" + $0.aliases.joined(separator: ", ") + ")")).count }.max() ?? 0
        for e in fieldCatalogue {
            let name = e.name + (e.aliases.isEmpty ? "" : " (" + e.aliases.joined(separator: ", ") + ")")
            let weyl = e.fields.map { f -> String in
                switch f.spin {
                case .scalar: return (f.isReal ? "real scalar " : "complex scalar ") + f.userRep.description
                case .weylFermion: return (f.declaredRightHanded ? "right-handed " : "left-handed ") + "Weyl "
                    + f.userRep.description + (e.fields.count > 1 ? " [\(f.name)]" : "")
                }
            }.joined(separator: " + ")
            output.line("  " + name + String(repeating: " ", count: max(1, width + 2 - name.count)) + weyl + "  — " + e.description)
        }
        output.line("\nAny other field by quantum numbers, e.g. \"Phi:S(1,2,1/2) chi:F(3,1,2/3,R)\"; see 'lagrangify help build'.")
        return 0
    }
}
