/// Static description of a subcommand: what `--help` prints and what the parser accepts.
public struct CommandSpec: Sendable {
    public let name: String
    public let abstract: String
    public let usage: [String]            // lines after "USAGE:", without the leading "lagrangify "
    public let discussion: String?
    public let arguments: [(String, String)]
    public let options: [OptionSpec]

    public init(name: String, abstract: String, usage: [String], discussion: String? = nil,
                arguments: [(String, String)] = [], options: [OptionSpec]) {
        self.name = name; self.abstract = abstract; self.usage = usage; self.discussion = discussion
        self.arguments = arguments; self.options = options
    }

    /// OVERVIEW / USAGE / ARGUMENTS / OPTIONS, the layout of swift-argument-parser.
    public var helpText: String {
        var s = "OVERVIEW: \(abstract)\n"
        if let d = discussion { s += "\n" + d + "\n" }
        s += "\nUSAGE:" + (usage.count == 1 ? " lagrangify \(usage[0])\n" : "\n" + usage.map { "  lagrangify \($0)\n" }.joined())
        if !arguments.isEmpty {
            s += "\nARGUMENTS:\n"
            for (a, h) in arguments { s += formatRow(a, h) }
        }
        s += "\nOPTIONS:\n"
        for o in options {
            var left = o.short.map { "-\($0), " } ?? ""
            left += "--\(o.name)"
            if let v = o.valueName { left += " <\(v)>" }
            var help = o.help
            if let allowed = o.allowed { help += " (values: \(allowed.joined(separator: ", ")))" }
            if let d = o.defaultValue { help += " (default: \(d))" }
            s += formatRow(left, help)
        }
        s += formatRow("-h, --help", "Show help information.")
        return s
    }
}

func formatRow(_ left: String, _ help: String) -> String {
    let pad = 26
    if left.count + 2 >= pad { return "  \(left)\n" + String(repeating: " ", count: pad + 2) + help + "\n" }
    return "  " + left + String(repeating: " ", count: pad - left.count) + help + "\n"
}
