import Foundation
import TokenShards

/// One training pair of token ids, unframed (no BOS/EOS; `ModelConfig.frameSource/frameTarget` add them).
public struct Example: Sendable, Equatable {
    public var source: [Int32]
    public var target: [Int32]
    public init(source: [Int32], target: [Int32]) { self.source = source; self.target = target }
}

/// What the trainer needs from a corpus. The token-corpus format of issue 6 can conform to this; the
/// trainer never sees files.
public protocol TokenCorpus: Sendable {
    /// V: every id in every example is in 0..<vocabSize.
    var vocabSize: Int { get }
    /// Special ids (pad, bos, eos); the decoder starts from eos as in BART.
    var padId: Int32 { get }
    var bosId: Int32 { get }
    var eosId: Int32 { get }
    /// Token strings by id, if the corpus has them (for `predict` on text).
    var vocabulary: [String]? { get }
    /// The examples of a split ("train", "valid"); empty if the split does not exist.
    func examples(_ split: String) throws -> [Example]
}

/// A corpus directory as `lagrangify corpus` writes it (the minimum another tool must write is shown):
///
///     DIR/manifest.json   {"format": "lagrangify-token-lines", "format_version": 1, "vocab_size": 64,
///                          "pad_id": 1, "bos_id": 0, "eos_id": 2}   (+ vocabulary_hash, grammar_version, command …)
///     DIR/train.bin       optional binary token shard (TokenShard); read instead of train.src/.tgt when present
///     DIR/train.src       one source sequence per line: space-separated integer token ids
///     DIR/train.tgt       the matching target sequences, line for line
///     DIR/valid.src, DIR/valid.tgt, DIR/valid.bin   optional validation split, same formats
///     DIR/vocab.txt       optional: token string of id i on line i+1 (lets `predict` take text)
///
/// Lines must not contain the special ids (framing adds BOS/EOS); empty lines are empty sequences. Errors name
/// the file and line. A `.bin` shard is checked against the manifest (vocabulary size, version and hash, grammar
/// version) and, when vocab.txt is present, against the hash of its tokens; a bad shard is an error that names the
/// file and the command that regenerates it (the manifest's `command`), never a silent fall-back to the text.
public struct TokenLineCorpus: TokenCorpus {
    public static let format = "lagrangify-token-lines"
    public static let formatVersion = 1
    public let directory: URL
    public let vocabSize: Int
    public let padId: Int32, bosId: Int32, eosId: Int32
    public let vocabulary: [String]?
    /// The command that wrote the corpus (manifest `command`), if recorded.
    public let command: String?
    /// What a binary shard's header must say (from the manifest and vocab.txt).
    public let shardExpectation: TokenShardExpectation

    struct Manifest: Codable {
        var format: String
        var format_version: Int
        var vocab_size: Int
        var pad_id: Int32?
        var bos_id: Int32?
        var eos_id: Int32?
        var vocabulary_version: Int?
        var vocabulary_hash: String?
        var grammar_version: Int?
        var command: String?
    }

    public init(directory: URL) throws {
        self.directory = directory
        let mURL = directory.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: mURL.path) else {
            throw ModelError.badCorpus("no manifest.json in \(directory.path); write one like {\"format\": \"\(Self.format)\", \"format_version\": 1, \"vocab_size\": N}")
        }
        let m: Manifest
        do { m = try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw ModelError.badCorpus("\(mURL.path) is not a valid manifest (\(error)); it needs format, format_version and vocab_size")
        }
        guard m.format == Self.format else {
            throw ModelError.badCorpus("\(mURL.path) has format '\(m.format)', expected '\(Self.format)'")
        }
        guard m.format_version == Self.formatVersion else {
            throw ModelError.badCorpus("\(mURL.path) has format_version \(m.format_version); this build reads version \(Self.formatVersion)")
        }
        vocabSize = m.vocab_size; padId = m.pad_id ?? 1; bosId = m.bos_id ?? 0; eosId = m.eos_id ?? 2
        let vURL = directory.appendingPathComponent("vocab.txt")
        if let v = FileManager.default.contents(atPath: vURL.path), let s = String(data: v, encoding: .utf8) {
            var lines = s.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            guard lines.count == vocabSize else {
                throw ModelError.badCorpus("\(vURL.path) has \(lines.count) lines but vocab_size is \(vocabSize)")
            }
            vocabulary = lines
        } else {
            vocabulary = nil
        }
        command = m.command
        // The ids of a shard mean the tokens of vocab.txt: its hash is the same FNV-1a 64 over the tokens joined by
        // newlines that the writer records (Vocabulary.hash), so a shard of another vocabulary is caught here.
        var hash = m.vocabulary_hash.flatMap { UInt64($0, radix: 16) }
        if let v = vocabulary {
            let h = Self.fnv1a(Array(v.joined(separator: "\n").utf8))
            if let mh = hash, mh != h {
                throw ModelError.badCorpus("\(vURL.path) has vocabulary hash \(String(format: "%016llx", h)) but \(mURL.lastPathComponent) says \(m.vocabulary_hash!); \(Self.regenerateHint(m.command))")
            }
            hash = h
        }
        shardExpectation = TokenShardExpectation(grammarVersion: m.grammar_version, vocabularyVersion: m.vocabulary_version,
                                                 vocabularySize: m.vocab_size, vocabularyHash: hash)
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    static func regenerateHint(_ command: String?) -> String {
        if let command, !command.isEmpty {
            return "regenerate the corpus with `\(command)` (the command in manifest.json), or delete the .bin files to train from the .src/.tgt text"
        }
        return "regenerate the corpus with `lagrangify corpus --out DIR …`, or delete the .bin files to train from the .src/.tgt text"
    }

    /// The binary shard of a split, if the directory has one (`examples` then reads it instead of the text).
    public func shardURL(_ split: String) -> URL? {
        let b = directory.appendingPathComponent("\(split).bin")
        return FileManager.default.fileExists(atPath: b.path) ? b : nil
    }

    public func examples(_ split: String) throws -> [Example] {
        if let b = shardURL(split) { return try shardExamples(b) }
        return try textExamples(split)
    }

    /// The examples of a binary shard, validated (see `TokenShard.read`).
    public func shardExamples(_ url: URL) throws -> [Example] {
        let shard: TokenShard
        do { shard = try TokenShard.read(url, expecting: shardExpectation, regenerate: Self.regenerateHint(command)) }
        catch let e as TokenShardError { throw ModelError.badCorpus(e.description) }
        return (0..<shard.count).map { i in
            Example(source: shard.source(i).map { Int32($0) }, target: shard.target(i).map { Int32($0) })
        }
    }

    /// The examples of the text files `split.src` / `split.tgt` (ignoring any `.bin`).
    public func textExamples(_ split: String) throws -> [Example] {
        let s = directory.appendingPathComponent("\(split).src"), t = directory.appendingPathComponent("\(split).tgt")
        guard FileManager.default.fileExists(atPath: s.path) else { return [] }
        let src = try readLines(s), tgt = try readLines(t)
        guard src.count == tgt.count else {
            throw ModelError.badCorpus("\(s.lastPathComponent) has \(src.count) lines but \(t.lastPathComponent) has \(tgt.count)")
        }
        return zip(src, tgt).map { Example(source: $0, target: $1) }
    }

    func readLines(_ url: URL) throws -> [[Int32]] {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw ModelError.badCorpus("cannot read \(url.path)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return try lines.enumerated().map { (i, line) in
            try line.split(separator: " ").map { tok in
                guard let v = Int32(tok), v >= 0, Int(v) < vocabSize else {
                    throw ModelError.badCorpus("\(url.lastPathComponent):\(i + 1): token '\(tok)' is not an id in 0..<\(vocabSize)")
                }
                return v
            }
        }
    }

    /// Writes a corpus directory in this format (used by tests and by tools that convert corpora).
    public static func write(to dir: URL, vocabSize: Int, splits: [String: [Example]], vocabulary: [String]? = nil,
                             padId: Int32 = 1, bosId: Int32 = 0, eosId: Int32 = 2) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let manifest = "{\"format\": \"\(format)\", \"format_version\": \(formatVersion), \"vocab_size\": \(vocabSize), \"pad_id\": \(padId), \"bos_id\": \(bosId), \"eos_id\": \(eosId)}\n"
        try atomicWrite(Data(manifest.utf8), to: dir.appendingPathComponent("manifest.json"))
        for (name, ex) in splits {
            let src = ex.map { $0.source.map(String.init).joined(separator: " ") + "\n" }.joined()
            let tgt = ex.map { $0.target.map(String.init).joined(separator: " ") + "\n" }.joined()
            try atomicWrite(Data(src.utf8), to: dir.appendingPathComponent("\(name).src"))
            try atomicWrite(Data(tgt.utf8), to: dir.appendingPathComponent("\(name).tgt"))
        }
        if let vocabulary {
            try atomicWrite(Data((vocabulary.joined(separator: "\n") + "\n").utf8), to: dir.appendingPathComponent("vocab.txt"))
        }
    }
}

/// Writes `data` to a temporary file beside `url`, then renames it over `url` (POSIX rename is atomic within a
/// file system), so readers never see a partial file.
public func atomicWrite(_ data: Data, to url: URL) throws {
    let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    try data.write(to: tmp)
    if rename(tmp.path, url.path) != 0 {
        let err = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: tmp)
        throw ModelError.badInput("cannot write \(url.path): \(err)")
    }
}
