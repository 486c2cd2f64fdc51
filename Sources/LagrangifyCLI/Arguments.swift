import LieGroups  // editDistance

/// Hand-written command-line parsing: a pure function of `[String]`, so every command is unit-testable.
///
/// Grammar: `--name value`, `--name=value`, boolean `--flag`, short aliases (`-h`), `--` ends options,
/// everything else is a positional argument. Unknown options are usage errors (exit 64) naming the token.

/// One option a command accepts.
public struct OptionSpec: Sendable {
    public let name: String            // long name without dashes: "format"
    public let short: Character?       // "-f"
    public let valueName: String?      // nil: a boolean flag; else the placeholder shown in help ("FORMAT")
    public let help: String
    public let defaultValue: String?
    public let allowed: [String]?      // shown in help and checked while parsing

    public init(_ name: String, short: Character? = nil, value: String? = nil, help: String,
                default defaultValue: String? = nil, allowed: [String]? = nil) {
        self.name = name; self.short = short; self.valueName = value; self.help = help
        self.defaultValue = defaultValue; self.allowed = allowed
    }

    public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name, short: short, value: nil, help: help)
    }
}

/// The result of parsing: option values (defaults filled in), flags that were given, positionals in order.
public struct ParsedArguments: Sendable, Equatable {
    public var values: [String: String] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []

    public func value(_ name: String) -> String? { values[name] }
    public func has(_ name: String) -> Bool { flags.contains(name) }

    /// An integer option, with a usage error naming the option when it does not parse or is out of range.
    public func int(_ name: String, range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let s = values[name] else { return nil }
        guard let v = Int(s) else { throw CLIError.usage("the value '\(s)' of --\(name) is not an integer") }
        if let r = range, !r.contains(v) {
            throw CLIError.usage("the value \(v) of --\(name) is out of range \(r.lowerBound)...\(r.upperBound)")
        }
        return v
    }
}

/// Errors that end a command. `usage` exits 64 (EX_USAGE); `failure` exits 1.
public enum CLIError: Error, Equatable, CustomStringConvertible {
    case usage(String)
    case failure(String)

    public var description: String {
        switch self { case .usage(let m), .failure(let m): return m }
    }
    public var exitCode: Int32 {
        switch self { case .usage: return 64; case .failure: return 1 }
    }
}

/// Parses `arguments` against `specs`. `-h`/`--help` are always accepted as the flag "help".
public func parseArguments(_ arguments: [String], specs: [OptionSpec]) throws -> ParsedArguments {
    var result = ParsedArguments()
    for s in specs where s.valueName != nil { if let d = s.defaultValue { result.values[s.name] = d } }
    var i = 0
    var onlyPositionals = false
    func spec(named token: String) throws -> OptionSpec {
        if token == "--help" || token == "-h" { return .flag("help", help: "") }
        if token.hasPrefix("--"), let s = specs.first(where: { "--" + $0.name == token }) { return s }
        if token.count == 2, let c = token.last, let s = specs.first(where: { $0.short == c }) { return s }
        let known = specs.map { "--" + $0.name }
        var message = "unknown option '\(token)'"
        if let near = closestMatch(to: token, among: known) { message += "; did you mean '\(near)'?" }
        throw CLIError.usage(message)
    }
    while i < arguments.count {
        let a = arguments[i]
        i += 1
        if onlyPositionals || a == "-" || !a.hasPrefix("-") || isNegativeNumber(a) {
            result.positionals.append(a); continue
        }
        if a == "--" { onlyPositionals = true; continue }
        var token = a, inline: String? = nil
        if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
            token = String(a[..<eq]); inline = String(a[a.index(after: eq)...])
        }
        let s = try spec(named: token)
        if s.valueName == nil {
            if inline != nil { throw CLIError.usage("option '--\(s.name)' takes no value") }
            result.flags.insert(s.name)
            continue
        }
        let v: String
        if let inline { v = inline } else {
            guard i < arguments.count else { throw CLIError.usage("option '--\(s.name)' needs a value (\(s.valueName!))") }
            v = arguments[i]; i += 1
        }
        if let allowed = s.allowed, !allowed.contains(v) {
            throw CLIError.usage("the value '\(v)' is invalid for '--\(s.name)'; expected one of: \(allowed.joined(separator: ", "))")
        }
        result.values[s.name] = v
    }
    return result
}

private func isNegativeNumber(_ s: String) -> Bool {
    s.count > 1 && s.hasPrefix("-") && s.dropFirst().allSatisfy { $0.isNumber || $0 == "/" }
}

/// The candidate with the smallest edit distance, if it is close enough to be a plausible typo.
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
        let d = editDistance(word.lowercased(), c.lowercased())
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (c, d) = best, d <= max(2, word.count / 3) else { return nil }
    return c
}
