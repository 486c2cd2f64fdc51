import Foundation

/// Corpora made on many machines: `lagrangify corpus --shard i/n` writes a *part*, `--merge` joins the parts into
/// the corpus the same options write on one machine, byte for byte.
///
/// Why a merge step, and not n corpora to concatenate: the single-machine corpus is the first `examples` distinct
/// contents in draw-index order, and which draws those are depends on every earlier draw (a content drawn twice is
/// kept once, at its first index; the splits depend on the content only). No machine can decide alone where its
/// examples end. So shard i (1-based) only computes: it draws the indices j ≡ i−1 (mod n) in increasing order and
/// keeps, with its index, the first occurrence of each content it sees (dropping a later local repeat is safe: the
/// earlier one precedes it in the global order too). It stops once it holds `examples/n` + 10% + 16 distinct
/// contents, or at the draw cap, and records `next`, the first index it did not draw. The merge sorts all kept
/// draws below L = min(next) by index and applies the single-machine accept rule (`Acceptor`) to them: every index
/// below L was drawn by exactly one shard, so this sees what the single run sees. If the parts run out before
/// `examples` are kept (many cross-shard repeats), the merge draws the rest itself from index L on, as the single
/// run would: the result is exact either way; the margin only decides how much the merge has left to do.
///
/// Rejected: fixing each shard's example count up front (shard i makes examples k·n + i) changes what the corpus
/// is (a different dedup order than one machine) and cannot be byte-identical to it.
extension CorpusWriter {
    public static let partFormat = "lagrangify-corpus-part"
    public static let partFormatVersion = 1

    /// What a part's options must agree on with the merge's: everything that changes which examples are drawn,
    /// kept or split (not `commandLine`).
    public static func fingerprint(_ o: CorpusOptions) -> String {
        "examples=\(o.examples) fields=\(o.minFields)-\(o.maxFields) seed=\(o.seed) sampler=[\(o.sampler.summary)] "
            + "normalisation=\(o.normalisation == .standard ? "standard" : "doubled") ood=\(o.oodExamples)x\(o.oodFields.lowerBound)-\(o.oodFields.upperBound) "
            + "valid=\(o.validPerMille) test=\(o.testPerMille)" + (o.inputForm == .paper ? "" : " input=\(o.inputForm.rawValue)")
    }

    /// The header of a part (`part.json`).
    public struct PartHeader: Codable, Sendable, Equatable {
        public var format: String
        public var format_version: Int
        public var shard: Int          // 1-based
        public var shards: Int
        public var options: String     // fingerprint
        /// The shard's arguments after `corpus` (the merge rebuilds the options from them).
        public var arguments: [String]
        public var main_next: UInt64, ood_next: UInt64
        public var candidates: Int
        public var draws_fnv1a64: String
    }

    /// Kept draws of one shard: the first local occurrence of each content, with its draw index.
    static func shardDraw(count: Int, shard: Int, of n: Int, seed: UInt64, fields: ClosedRange<Int>, options o: CorpusOptions,
                          progress: (@Sendable (Int, Int, Double) -> Void)?) -> (kept: [(UInt64, CorpusExample)], next: UInt64) {
        let cap = drawCap(count), stride = UInt64(n), start = Date()
        let target = (count + n - 1) / n + (count + 10 * n - 1) / (10 * n) + 16
        var next = UInt64(shard - 1)
        var seen: Set<String> = [], kept: [(UInt64, CorpusExample)] = []
        var drawn = 0
        while kept.count < target && next < cap {
            // Batches shrink near the target (a quarter more than still missing, for refusals and repeats), so a
            // small corpus's shards draw about what they keep; the batch sizes depend on this shard's draws only.
            let want = UInt64(max(32, (target - kept.count) * 5 / 4))
            let k = Int(min(UInt64(drawBatch), want, (cap - next + stride - 1) / stride))
            for (j, e) in compute(first: next, stride: stride, n: k, seed: seed, fields: fields, options: o).enumerated() {
                if let e, seen.insert(e.key).inserted { kept.append((next + stride * UInt64(j), e)) }
            }
            next += stride * UInt64(k); drawn += k
            progress?(min(kept.count, target), drawn, Date().timeIntervalSince(start))
        }
        return (kept, next)
    }

    /// Writes part `shard` of `shards` (1-based) of the corpus `o` to `dir`: `part.json` and `draws.tsv`.
    /// - Parameter arguments: the command's arguments after `corpus`, recorded for the merge.
    public static func writePart(to dir: URL, options o: CorpusOptions, shard: Int, of shards: Int, arguments: [String] = [],
                                 progress: (@Sendable (Int, Int, Double) -> Void)? = nil) throws -> PartHeader {
        try validate(o)
        guard shards >= 1, shard >= 1, shard <= shards else {
            throw TokenizerError("shard \(shard)/\(shards) is not i/n with 1 ≤ i ≤ n")
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let main = shardDraw(count: o.examples, shard: shard, of: shards, seed: o.seed, fields: o.minFields...o.maxFields,
                             options: o, progress: progress)
        let ood = o.oodExamples > 0
            ? shardDraw(count: o.oodExamples, shard: shard, of: shards, seed: oodSeed(o), fields: o.oodFields, options: o, progress: progress)
            : (kept: [], next: 0)
        // One line per kept draw: split (main/ood), index, field count, kind counts, input, output, and the content
        // key when it is not the input line (compact form).
        var text = ""
        for (tag, kept) in [("main", main.kept), ("ood", ood.kept)] {
            for (i, e) in kept {
                let input = e.input.joined(separator: " ")
                text += "\(tag)\t\(i)\t\(e.fieldCount)\t\(e.kindCounts.map(String.init).joined(separator: ","))\t\(input)\t\(e.output.joined(separator: " "))"
                text += (e.key == input ? "" : "\t\(e.key)") + "\n"
            }
        }
        let data = Data(text.utf8)
        let h = PartHeader(format: partFormat, format_version: partFormatVersion, shard: shard, shards: shards,
                           options: fingerprint(o), arguments: arguments, main_next: main.next, ood_next: ood.next,
                           candidates: main.kept.count + ood.kept.count, draws_fnv1a64: String(format: "%016llx", fnv1a(data)))
        try atomicWrite(data, to: dir.appendingPathComponent("draws.tsv"))
        let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try atomicWrite(try enc.encode(h), to: dir.appendingPathComponent("part.json"))
        return h
    }

    /// The header of the part in `dir`, checked for format and version.
    public static func readPartHeader(_ dir: URL) throws -> PartHeader {
        let url = dir.appendingPathComponent("part.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TokenizerError("\(url.path) does not exist: \(dir.path) is not a corpus part (write one with `lagrangify corpus --shard i/n --out \(dir.path) …`)")
        }
        guard let h = try? JSONDecoder().decode(PartHeader.self, from: data), h.format == partFormat else {
            throw TokenizerError("\(url.path) is not a corpus part header (format \(partFormat)); rerun its shard")
        }
        guard h.format_version == partFormatVersion else {
            throw TokenizerError("\(url.path) has part format version \(h.format_version); this build reads \(partFormatVersion): rerun its shard with this build")
        }
        return h
    }

    /// The kept draws of a part, checked against its header.
    static func readDraws(_ dir: URL, header h: PartHeader) throws -> (main: [(UInt64, CorpusExample)], ood: [(UInt64, CorpusExample)]) {
        let url = dir.appendingPathComponent("draws.tsv")
        let rerun = "rerun shard \(h.shard)/\(h.shards) (the command: lagrangify corpus \(h.arguments.joined(separator: " ")))"
        guard let data = FileManager.default.contents(atPath: url.path) else { throw TokenizerError("cannot read \(url.path); \(rerun)") }
        guard String(format: "%016llx", fnv1a(data)) == h.draws_fnv1a64 else {
            throw TokenizerError("\(url.path) does not match the checksum in part.json (corrupt or truncated); \(rerun)")
        }
        var main: [(UInt64, CorpusExample)] = [], ood: [(UInt64, CorpusExample)] = []
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 6 || f.count == 7, let i = UInt64(f[1]), let fc = Int(f[2]) else { throw TokenizerError("\(url.path):\(n + 1): malformed line; \(rerun)") }
            let kinds = f[3].split(separator: ",").compactMap { Int($0) }
            let e = CorpusExample(input: f[4].split(separator: " ").map(String.init), output: f[5].split(separator: " ").map(String.init),
                                  fieldCount: fc, kindCounts: kinds, key: f.count == 7 ? String(f[6]) : nil)
            if f[0] == "main" { main.append((i, e)) } else { ood.append((i, e)) }
        }
        guard main.count + ood.count == h.candidates else { throw TokenizerError("\(url.path) has \(main.count + ood.count) draws, part.json says \(h.candidates); \(rerun)") }
        return (main, ood)
    }

    /// The accept rule over the parts' draws below the covered prefix, then (if still short) the single-machine
    /// draw from there on.
    static func mergeDraws(_ parts: [[(UInt64, CorpusExample)]], next: [UInt64], count: Int, seed: UInt64, fields: ClosedRange<Int>,
                           options o: CorpusOptions, progress: (@Sendable (Int, Int, Double) -> Void)?) -> (examples: [CorpusExample], attempts: Int) {
        let covered = min(next.min() ?? 0, drawCap(count))
        var acc = Acceptor(count: count)
        for (i, e) in parts.joined().filter({ $0.0 < covered }).sorted(by: { $0.0 < $1.0 }) {
            acc.offer(i, e)
            if acc.done { break }
        }
        if !acc.done {
            acc.attempts = covered
            continueDraw(&acc, from: covered, seed: seed, fields: fields, options: o, progress: progress)
        }
        return (acc.out, Int(acc.attempts))
    }

    /// Merges the parts in `parts` (every shard 1…n of the corpus `o` exactly once) into the corpus directory `dir`:
    /// the same files, byte for byte, as `write(to:options:)` with the same options.
    public static func merge(parts: [URL], to dir: URL, options o: CorpusOptions,
                             progress: (@Sendable (Int, Int, Double) -> Void)? = nil) throws -> CorpusSummary {
        try validate(o)
        let t0 = Date()
        guard !parts.isEmpty else { throw TokenizerError("--merge needs the part directories written by --shard i/n") }
        let headers = try parts.map(readPartHeader)
        let n = headers[0].shards
        let fp = fingerprint(o)
        for (h, url) in zip(headers, parts) {
            guard h.shards == n else {
                throw TokenizerError("\(url.path) is shard \(h.shard)/\(h.shards) but \(parts[0].path) is of \(n) shards")
            }
            guard h.options == fp else {
                throw TokenizerError("\(url.path) was made with other options (\(h.options)) than the merge's (\(fp))")
            }
        }
        let have = headers.map(\.shard)
        let missing = (1...n).filter { !have.contains($0) }
        guard missing.isEmpty, have.count == n else {
            let dup = Dictionary(grouping: have, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            throw TokenizerError("the parts must be shards 1…\(n) once each; "
                + (missing.isEmpty ? "" : "missing \(missing.map { "\($0)/\(n)" }.joined(separator: ", "))")
                + (dup.isEmpty ? "" : (missing.isEmpty ? "" : "; ") + "repeated \(dup.map { "\($0)/\(n)" }.joined(separator: ", "))"))
        }
        let draws = try zip(parts, headers).map { try readDraws($0, header: $1) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let main = mergeDraws(draws.map(\.main), next: headers.map(\.main_next), count: o.examples, seed: o.seed,
                              fields: o.minFields...o.maxFields, options: o, progress: progress)
        let ood = o.oodExamples > 0
            ? mergeDraws(draws.map(\.ood), next: headers.map(\.ood_next), count: o.oodExamples, seed: oodSeed(o),
                         fields: o.oodFields, options: o, progress: progress)
            : (examples: [], attempts: 0)
        var summary = try writeFiles(to: dir, main: main.examples, ood: ood.examples, attempts: main.attempts + ood.attempts, options: o)
        summary.seconds = Date().timeIntervalSince(t0)
        return summary
    }
}
