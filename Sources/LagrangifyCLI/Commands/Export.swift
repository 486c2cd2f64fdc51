import Foundation
import Tokenizer
import Transformer

/// `lagrangify export`: a model directory without its training state, optionally in 16-bit storage (how the
/// shipped Models/default is made from a training run).
enum ExportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "export",
        abstract: "Copy a trained model (config, weights, vocabulary) without training state, optionally in 16-bit.",
        usage: ["export --model DIR --out DIR [--dtype F32|F16|BF16]"],
        discussion: """
        Writes config.json, model.safetensors, vocab.txt and input.json (the input form) to --out (atomically, file by file), dropping
        optimizer.safetensors and training.json. F16 halves the size; the model computes in Float either way.
        """,
        options: [
            OptionSpec("model", value: "DIR", help: "Model directory written by train or import-hf."),
            OptionSpec("out", value: "DIR", help: "Output directory (created)."),
            OptionSpec("dtype", value: "T", help: "Storage type of the weights.", default: "F16", allowed: ["F32", "F16", "BF16"]),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard let m = a.value("model") else { throw CLIError.usage("missing --model DIR") }
        guard let o = a.value("out") else { throw CLIError.usage("missing --out DIR") }
        let dtype = SafeTensors.DType(rawValue: a.value("dtype")!)!
        let dir = URL(fileURLWithPath: m), out = URL(fileURLWithPath: o)
        do {
            let model = try Checkpoint.loadModel(dir)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try Checkpoint.saveModel(model, to: out, dtype: dtype)
            if let v = PredictCommand.loadVocabulary(dir, size: model.config.vocabSize) {
                try atomicWrite(Data((v.joined(separator: "\n") + "\n").utf8), to: out.appendingPathComponent("vocab.txt"))
            }
            try ModelInputSpec.copy(from: dir, to: out)
            // Check what was written reads back (shapes, dtype, format version) before saying so.
            _ = try Checkpoint.loadModel(out)
            output.line("exported \(model.config.summary) as \(dtype.rawValue) to \(out.path)")
        } catch let e as ModelError { throw CLIError.failure(e.description) }
        catch let e as TokenizerError { throw CLIError.failure(e.description) }
        catch { throw CLIError.failure("cannot write \(out.path): \(error)") }
        return 0
    }
}
