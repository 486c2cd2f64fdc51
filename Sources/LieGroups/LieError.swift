/// Errors for bad user input (names, labels, expressions) and for requests too large to compute.
///
/// Programmer mistakes (wrong rank passed from code) are preconditions instead; these cases are what a CLI user can
/// cause, and each message names the offending token and how to fix it.
public enum LieError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An algebra name that does not parse; `hint` says why or suggests the closest name.
    case unknownAlgebra(String, hint: String)
    /// Dynkin labels of the wrong count or sign.
    case badLabels(String, hint: String)
    /// An irrep name that does not exist for the algebra (e.g. `7` for SU(3)).
    case unknownIrrep(String, hint: String)
    /// A malformed expression; `token` is the offending piece.
    case malformedExpression(token: String, hint: String)
    /// The computation is refused because it would not fit in memory or time.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .unknownAlgebra(let s, let h): return "unknown Lie algebra '\(s)': \(h)"
        case .badLabels(let s, let h): return "bad Dynkin labels '\(s)': \(h)"
        case .unknownIrrep(let s, let h): return "unknown irrep '\(s)': \(h)"
        case .malformedExpression(let t, let h): return "malformed expression at '\(t)': \(h)"
        case .tooLarge(let m): return "too large to compute: \(m)"
        }
    }
}
