// lagrangify-bench: `swift run -c release lagrangify-bench <suite> [args]`. Each suite prints human lines and one
// `BENCH {json}` line per result; see BENCHMARKS.md for recorded numbers.
import Foundation

/// Suite name → (description, entry point taking the remaining arguments). Add one line per suite.
let suites: [(name: String, about: String, run: ([String]) -> Void)] = [
    ("exact", "Exact wrappers vs FLINT direct: rationals, rank, polynomial products ([quick])", ExactSuite.run),
    ("builder", "Lagrangians per second for random contents of 1-8 fields; whole-process SM time ([--count K] [--show F])", BuilderSuite.run),
    ("transformer", "Seq2seq training and greedy decoding tokens/s on the torch_bart_bench shapes ([quick] [--config tiny|small])", TransformerSuite.run),
    ("hilbert", "SMEFT operator counts to dimension 12 (n_f = 1, 3) vs BasisGen ([quick] [--no-peer] [--peer-timeout S])", HilbertSuite.run),
    ("tokenizer", "Corpus examples/s (all cores vs one thread), encode+decode vs build, sequence lengths ([--count K])", TokenizerSuite.run),
    ("lie", "Decompositions, tensor powers and plethysms vs LiE, whole-process ([quick] [--binary PATH])", LieSuite.run),
    ("checker", "Checker cost per candidate vs the builder; fuzz run of random/mutated candidates ([--contents K] [--fuzz N] [--threads T])", CheckerSuite.run),
]

let args = Array(CommandLine.arguments.dropFirst())
if args.isEmpty || args[0] == "--help" || args[0] == "-h" {
    print("USAGE: lagrangify-bench <suite> [args]\n\nSUITES:")
    for s in suites { print("  \(s.name.padding(toLength: 14, withPad: " ", startingAt: 0))\(s.about)") }
    exit(args.isEmpty ? 64 : 0)
}
if args[0] == "all" {
    for s in suites { s.run([]) }
} else if let s = suites.first(where: { $0.name == args[0] }) {
    s.run(Array(args.dropFirst()))
} else {
    FileHandle.standardError.write(Data("Error: unknown suite '\(args[0])'; run lagrangify-bench --help\n".utf8))
    exit(64)
}
