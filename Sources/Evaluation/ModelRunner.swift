import Foundation
import Checker
import Lagrangian
import Tokenizer
import Transformer

/// How a model's answer is produced.
public enum DecodingMode: String, CaseIterable, Sendable, Codable {
    /// Plain greedy decoding: the number the targets are stated in.
    case greedy
    /// Greedy decoding restricted to tokens the output grammar allows next (`GrammarConstraint`).
    case guided
    /// Grammar-constrained beam search; the checker judges the finished hypotheses best first and the first one
    /// it accepts (exact or equivalent) is the answer, else the beam's best.
    case checked
}

/// One answer of a model for one field list, with the checker's report on it.
public struct ModelAnswer: Sendable {
    /// The output tokens (no BOS/EOS).
    public let tokens: [String]
    public let report: CheckReport
    /// Hypotheses the checker judged before this one was chosen (1 for greedy and guided).
    public let hypothesesJudged: Int
}

/// A trained model directory (written by `lagrangify train` or `import-hf`) that speaks the project's standard
/// vocabulary, decoding field lists into Lagrangian token sequences and having the checker judge them.
public final class ModelRunner {
    public let directory: URL
    public let model: Seq2SeqModel<Float>
    /// The model's vocabulary: version 1 (185 tokens, the paper-form input) or the current one.
    public let vocabulary: Vocabulary
    /// How the model reads inputs (`input.json`; the paper form without one).
    public let inputForm: InputForm

    /// - Throws: `EvaluationError` naming the directory when the checkpoint is unreadable, its vocab.txt is not a
    ///   lagrangify vocabulary (its positions would mean other tokens) or its input.json is unreadable.
    public init(directory: URL, threads: Int = 1) throws {
        self.directory = directory
        do { model = try Checkpoint.loadModel(directory) } catch {
            throw EvaluationError("\(directory.path): \(error)")
        }
        let known = [Vocabulary.v1, Vocabulary.standard], size = model.config.vocabSize
        guard let v = known.first(where: { $0.count == size }) else {
            throw EvaluationError("\(directory.path) has vocab_size \(model.config.vocabSize) but the lagrangify vocabularies have \(known.map { String($0.count) }.joined(separator: " or ")) tokens (versions 1 and \(Vocabulary.version)); it was not trained on a lagrangify corpus")
        }
        if let d = FileManager.default.contents(atPath: directory.appendingPathComponent("vocab.txt").path),
           let s = String(data: d, encoding: .utf8) {
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
            guard lines == v.tokens else {
                throw EvaluationError("\(directory.path)/vocab.txt differs from the lagrangify vocabulary of \(v.count) tokens (hash \(v.hash)); retrain on a corpus written by this version")
            }
        }
        vocabulary = v
        do { inputForm = try ModelInputSpec.read(directory: directory).form } catch { throw EvaluationError("\(error)") }
        guard inputForm == .paper || v.count == Vocabulary.standard.count else {
            throw EvaluationError("\(directory.path) reads the compact input form but has the version-1 vocabulary, which lacks its tokens")
        }
        model.threads = threads
    }

    /// The fields as the model reads them, in canonical order: a compact-form model reads every fermion in its
    /// left-handed spelling, so its answers' `F<i>` refer to this list (build judges from it).
    public func modelFields(_ fields: [Field]) -> [Field] {
        (inputForm == .compact ? fields.map(\.leftHandedSpelling) : fields).sorted(by: Lagrangian.canonicalOrder)
    }

    /// The framed source ids of a field list (canonical order, as every corpus writes it).
    public func source(for fields: [Field], normalisation: HyperchargeNormalisation = .standard) throws -> [Int32] {
        let tokens = try InputTokens.encode(modelFields(fields), normalisation: normalisation, form: inputForm)
        return model.config.frameSource(vocabulary.ids(tokens).map(Int32.init))
    }

    /// Decodes a batch of field lists (each given with its judge) in one of the modes. Batches share one
    /// key/value cache; `beam` is used by `.checked` only. `threads` (default: the runner's) splits each product of
    /// the batch; calls with `threads: 1` may run concurrently (each has its own decoder; the weights are only read).
    public func answer(_ judges: [Judge], normalisation: HyperchargeNormalisation = .standard, mode: DecodingMode,
                       beam: Int = 4, maxLength: Int = 1024, threads: Int? = nil) throws -> [ModelAnswer] {
        if judges.isEmpty { return [] }
        if inputForm == .compact, judges.contains(where: { $0.fields.contains(where: \.declaredRightHanded) }) {
            throw EvaluationError("\(directory.path) reads fermions in their left-handed spelling: judge runner.modelFields(fields), not fields declared right-handed")
        }
        let sources = try judges.map { try source(for: $0.fields, normalisation: normalisation) }
        let cfg = model.config
        let len = min(maxLength, cfg.maxPositions)
        guard let longest = sources.map(\.count).max(), longest <= cfg.maxPositions else {
            throw EvaluationError("a source of \(sources.map(\.count).max()!) tokens is longer than the model's \(cfg.maxPositions) positions")
        }
        let vocab = Vocabulary.standard
        func strings(_ h: Hypothesis) -> [String] { vocab.tokens(h.tokens.map(Int.init)) }
        switch mode {
        case .greedy, .guided:
            let dec = Seq2SeqDecoder(model: model, maxRows: sources.count, maxSource: longest, maxLength: len, threads: threads)
            let constraints: [any DecodingConstraint]? = mode == .guided ? judges.map { GrammarConstraint(judge: $0) } : nil
            let hyps = dec.greedy(sources, options: DecodingOptions(maxLength: len), constraints: constraints)
            return zip(judges, hyps).map { j, h in
                let t = strings(h)
                return ModelAnswer(tokens: t, report: j.judge(tokens: t), hypothesesJudged: 1)
            }
        case .checked:
            let k = max(1, beam)
            let dec = Seq2SeqDecoder(model: model, maxRows: sources.count * k, maxSource: longest, maxLength: len,
                                     threads: threads)
            let lists = dec.beamSearchAll(sources, options: DecodingOptions(maxLength: len, beamWidth: k),
                                          constraints: judges.map { GrammarConstraint(judge: $0) })
            return zip(judges, lists).map { j, hyps in
                var first: ModelAnswer? = nil
                for (i, h) in hyps.enumerated() {
                    let t = strings(h)
                    let r = j.judge(tokens: t)
                    let a = ModelAnswer(tokens: t, report: r, hypothesesJudged: i + 1)
                    if r.verdict != .wrong { return a }
                    if first == nil { first = a }
                }
                return first.map { ModelAnswer(tokens: $0.tokens, report: $0.report, hypothesesJudged: hyps.count) }
                    ?? ModelAnswer(tokens: [], report: j.judge(tokens: []), hypothesesJudged: 0)
            }
        }
    }
}

/// A message for the user: what is wrong and, where possible, how to fix it.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ d: String) { description = d }
}
