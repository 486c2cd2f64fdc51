import Foundation

/// The fixed token vocabulary shared by the input and output languages (one vocabulary, as in BART).
///
/// Version 2: version 1's 185 tokens with the same ids, then the tokens of the compact input form
/// (Grammars/input-compact.v1.ebnf). Reserved ids follow the transformer's (BART's) convention: 0 `<s>` (BOS),
/// 1 `<pad>`, 2 `</s>` (EOS), 3 `<unk>`. The order of the tokens is fixed forever for a version; a change of any
/// token or of the order bumps `version` (corpora and checkpoints record it, and readers refuse a mismatch). Models
/// trained on version 1 read version 1 (`Vocabulary.v1`, the first 185 tokens), which every id they know keeps.
public struct Vocabulary: Sendable, Equatable {
    public static let version = 2
    /// Tokens of version 1 (the prefix of version 2).
    public static let v1Count = 185
    public static let bos = "<s>", pad = "<pad>", eos = "</s>", unk = "<unk>"
    public static let bosId = 0, padId = 1, eosId = 2, unkId = 3
    /// Field positions the output language can name (F0 … F15). Larger field lists cannot be tokenized.
    public static let maxFields = 16
    /// Largest integer token of the input language (dimensions, numerators, denominators, generations).
    public static let maxInteger = 64

    public let tokens: [String]
    private let index: [String: Int]

    public init(tokens: [String]) {
        self.tokens = tokens
        var ix: [String: Int] = [:]
        for (i, t) in tokens.enumerated() { ix[t] = i }
        self.index = ix
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.tokens == b.tokens }

    /// The current (version 2) vocabulary.
    public static let standard = Vocabulary(tokens: standardTokens())
    /// The version-1 vocabulary: the paper-form input and the output language (what Models/default up to session 6
    /// was trained on).
    public static let v1 = Vocabulary(tokens: Array(standard.tokens.prefix(v1Count)))
    /// The vocabulary of a version number, nil for an unknown version.
    public static func of(version v: Int) -> Vocabulary? { v == 1 ? v1 : v == version ? standard : nil }

    public var count: Int { tokens.count }
    public func id(_ token: String) -> Int? { index[token] }
    /// Ids of a token sequence; unknown tokens map to UNK.
    public func ids(_ seq: [String]) -> [Int] { seq.map { index[$0] ?? Vocabulary.unkId } }
    public func tokens(_ ids: [Int]) -> [String] { ids.map { $0 >= 0 && $0 < tokens.count ? tokens[$0] : Vocabulary.unk } }

    /// A short stable hash of the token list (FNV-1a 64 over the tokens joined by newlines), recorded in manifests.
    public var hash: String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in tokens.joined(separator: "\n").utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return String(format: "%016llx", h)
    }

    static func standardTokens() -> [String] {
        var t = [bos, pad, eos, unk]
        // Input language (the paper's form plus REAL and GEN).
        t += ["FIELD", "SPIN", "SU3", "SU2", "U1", "HEL", "REAL", "GEN", "-", "/"]
        t += (0...maxInteger).map(String.init)
        // Output language: term kinds, conjugation classes, flavour partitions.
        t += OutputTokens.kindTokens
        t.append(OutputTokens.sameMonomial)
        t += OutputTokens.conjugationTokens
        t += OutputTokens.partitionTokens
        // Factors: position in the (canonical) input, then conjugated.
        t += (0..<maxFields).map { "F\($0)" }
        t += (0..<maxFields).map { "F\($0)*" }
        // Contractions: per group a δ token per ordered pair of term factors, an ε token per set of legs.
        for g in OutputTokens.groups {
            for a in 0..<4 { for b in 0..<4 where a != b { t.append("\(g.prefix)d\(a)\(b)") } }
            for legs in combinations(Array(0..<4), g.n) { t.append("\(g.prefix)e" + legs.map(String.init).joined()) }
        }
        // Version 2: the compact input form (one token per quantum number).
        t += InputTokens.compactTokens
        return t
    }

    // MARK: files

    /// `vocab.txt`: the token of id i on line i + 1 (what `TokenLineCorpus` reads).
    public var vocabText: String { tokens.joined(separator: "\n") + "\n" }

    /// `vocab.json`: `{"format": "lagrangify-vocabulary", "version": 1, "tokens": [...]}`.
    public var json: String {
        "{\"format\": \"lagrangify-vocabulary\", \"version\": \(Vocabulary.version), \"hash\": \"\(hash)\", \"tokens\": ["
            + tokens.map(jsonString).joined(separator: ", ") + "]}\n"
    }

    /// Reads `vocab.json`, checking format and version.
    public static func read(json data: Data) throws -> Vocabulary {
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TokenizerError("vocabulary file is not a JSON object; regenerate it with `lagrangify tokens --export-vocab DIR`")
        }
        guard obj["format"] as? String == "lagrangify-vocabulary" else {
            throw TokenizerError("vocabulary file has format '\(obj["format"] ?? "none")', expected 'lagrangify-vocabulary'")
        }
        guard let v = obj["version"] as? Int, let known = of(version: v) else {
            throw TokenizerError("vocabulary version \(obj["version"] ?? "none") but this build reads versions 1 and \(version); regenerate the corpus with this build")
        }
        guard let toks = obj["tokens"] as? [String] else { throw TokenizerError("vocabulary file has no \"tokens\" list") }
        let voc = Vocabulary(tokens: toks)
        guard voc == known else {
            throw TokenizerError("vocabulary file claims version \(v) but its tokens differ from this build's (hash \(voc.hash) vs \(known.hash))")
        }
        return voc
    }

    /// A Hugging Face `tokenizers` file: WordLevel model, whitespace-split pre-tokenizer, BOS … EOS template.
    public var huggingFaceJSON: String {
        let vocab = tokens.enumerated().map { "\(jsonString($0.element)): \($0.offset)" }.joined(separator: ", ")
        let added = [(Vocabulary.bos, 0), (Vocabulary.pad, 1), (Vocabulary.eos, 2), (Vocabulary.unk, 3)].map {
            "{\"id\": \($0.1), \"content\": \(jsonString($0.0)), \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}"
        }.joined(separator: ", ")
        return """
        {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [\(added)], "normalizer": null, \
        "pre_tokenizer": {"type": "WhitespaceSplit"}, \
        "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}], "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "</s>", "type_id": 1}}], "special_tokens": {"<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]}, "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}}, \
        "decoder": null, "model": {"type": "WordLevel", "vocab": {\(vocab)}, "unk_token": "<unk>"}}

        """
    }
}

/// A tokenizer error: the message names the offending token and says how to fix it.
public struct TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public init(_ m: String) { message = m }
    public var description: String { message }
}

func jsonString(_ s: String) -> String {
    var o = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": o += "\\\""
        case "\\": o += "\\\\"
        case "\n": o += "\\n"
        default:
            if c.value < 0x20 { o += String(format: "\\u%04x", c.value) } else { o.unicodeScalars.append(c) }
        }
    }
    return o + "\""
}

/// The k-element subsets of `items`, lexicographic.
func combinations(_ items: [Int], _ k: Int) -> [[Int]] {
    if k == 0 { return [[]] }
    guard items.count >= k else { return [] }
    var out: [[Int]] = []
    for (i, x) in items.enumerated() {
        for rest in combinations(Array(items[(i + 1)...]), k - 1) { out.append([x] + rest) }
    }
    return out
}
