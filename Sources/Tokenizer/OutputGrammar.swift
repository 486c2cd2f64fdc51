import Exact
import Lagrangian
import LieGroups

/// An incremental parser of the output language for one field list (Grammars/lagrangian.v1.ebnf): feed tokens one
/// at a time, ask which tokens may come next (for grammar-constrained decoding), and finish to get the terms.
///
/// The grammar is context-sensitive in a controlled way: the field list fixes which `F<i>` tokens exist and of what
/// type (fermion, real or complex scalar), and the factors of a term fix its tensor shapes, hence which contraction
/// tokens are written (a group is written only when `SUContraction.all` offers more than one candidate) and which
/// sequences of them are complete (exactly the candidates). `allowed` is exact (every listed token can be extended
/// to a complete sequence) except at factor slots before the last, where a token may lead to a term whose last
/// factor has no gauge-invariant choice (the last slot itself is pruned: some contraction must exist in each group).
/// Hypercharge neutrality, duplicates and the builder's basis choice are semantics, checked by the Checker.
///
/// With `selectionRules` (grammar-constrained decoding uses them) the factors of a term must also satisfy the
/// charge selection rules every gauge singlet obeys: hypercharge sum zero, SU(3) triality sum 0 mod 3 and an even
/// SU(2) Dynkin label sum. These are necessary conditions, so they remove only terms the checker would call not
/// invariant; with them every factor slot, not only the last, offers only letters that lead to a complete neutral
/// term with a contraction in every group (`allowed` is then exact at every factor slot).
/// With `canonicalOrder` each new monomial must follow the previous one of its kind in the builder's order, as in
/// every builder Lagrangian, which also rules out writing a monomial twice.
/// With a `validator` (the Checker's `Judge.admits`: not vanishing, not redundant, hermiticity consistent, in the
/// builder's space) the flavour symmetries, contractions and conjugations offered for a term are those of complete
/// terms the validator admits after the earlier terms of the same monomial, `&` only where another such term
/// exists, and, with a completion table, a factor tuple only if it is the builder's representative of {O, O†} and
/// some term of it is admitted. Terms of distinct,
/// not self-conjugate factors with no earlier term of their monomial are not sent to it: each of their contractions
/// is a nonzero operator.
///
/// Complexity: `feed` is O(vocabulary) at most; contraction candidates are enumerated once per term.
public struct OutputParser: Sendable {
    /// The fields in canonical order (`F<i>` is `fields[i]`).
    public let fields: [Field]
    /// Tokens consumed so far.
    public private(set) var position = 0

    private enum Stage: Sendable { case termStart, factors, partitions, contraction, conjugation, done }
    private var stage = Stage.termStart
    private var terms: [TokenTerm] = []
    private var counters: [TermKind: Int] = [:]
    private var lastKind = 0
    // current term
    private var kind = 0
    private var factors: [Letter] = []
    private var slots: [Bool] = []
    private var flavourSlots: [(range: Range<Int>, generations: Int)] = []   // every multi-generation group
    private var partitionsRead: [[Int]] = []
    private var group = 0
    private var candidates: [[SUContraction]] = [[], [], []]
    private var candidateTokens: [[[String]]] = [[], [], []]
    private var groupPrefix: [String] = []
    private var chosen: [SUContraction?] = [nil, nil, nil]
    /// The last finished term can be followed by `&` (another term of the same monomial): it had a flavour
    /// partition or an explicit contraction, so the monomial may carry several terms.
    private var repeatable = false

    /// With decoding rules: per term kind, for every prefix of an admissible factor tuple (the empty prefix and
    /// complete tuples included), the largest admissible tuple starting with it; nil without rules.
    private let completions: [[[Letter]: [Letter]]]?
    private let canonicalOrder: Bool
    /// With `canonicalOrder`: the previous monomial's factors when the current term is a new monomial of its kind.
    private var orderFloor: [Letter]? = nil

    /// Whether some term the validator admits can follow `earlier` (non-empty, one monomial); nil (or no such
    /// function) when unknown: the parser then finds out by trying every option.
    public typealias MonomialCompleteness = @Sendable (_ earlier: [TokenTerm]) -> Bool?
    /// Whether each of several complete terms of one monomial, each written after `earlier` (the terms already
    /// written with the same kind and factors), is acceptable (e.g. `Judge.admitted`).
    public typealias BatchTermValidator = @Sendable (_ terms: [TokenTerm], _ earlier: [TokenTerm]) -> [Bool]
    private let validator: BatchTermValidator?
    private let moreTerms: MonomialCompleteness?
    /// One way to complete a term once its factors are read: a partition per pending flavour group, a candidate
    /// index per group, a conjugation.
    private struct TermOption: Hashable, Sendable {
        var partitions: [[Int]]
        var choice: [Int]
        var conjugation: Conjugation
    }
    /// With a validator: the current term's options it admits; nil when every option is admissible.
    private var options: [TermOption]? = nil
    /// Candidate index chosen per group (parallel to `chosen`).
    private var chosenIndex: [Int?] = [nil, nil, nil]
    /// At the conjugation stage: whether a further term of the monomial (`&`) exists after the implied conjugation.
    private var impliedRepeatable = true

    /// - Parameters:
    ///   - fields: the field list; sorted into the canonical order here, so positions refer to that order (the
    ///     order `InputTokens.encode(l.fields)` writes).
    ///   - selectionRules: also require hypercharge, triality and SU(2) parity neutrality of each term's factors.
    ///   - canonicalOrder: also require each new monomial (a kind token, not `&`) to come strictly after the
    ///     previous one of its kind in the builder's order (lexicographic in the factors), as every builder
    ///     Lagrangian is written; this excludes a monomial written twice.
    ///   - batchValidator: also require every complete term to pass it (see above), asked once per term for all
    ///     its ways to finish, so it can share work across them (as `Judge.admitted` shares its evaluation points).
    ///   - moreTerms: with the validator, a faster answer to "can another admitted term of this monomial follow?"
    ///     (e.g. the builder's dimension count, `Judge.remainingDimension`).
    public init(fields: [Field], selectionRules: Bool = false, canonicalOrder: Bool = false,
                batchValidator: BatchTermValidator? = nil, moreTerms: MonomialCompleteness? = nil) {
        self.fields = fields.sorted(by: Lagrangian.canonicalOrder)
        self.canonicalOrder = canonicalOrder
        self.validator = batchValidator
        self.moreTerms = moreTerms
        completions = selectionRules || canonicalOrder
            ? Self.completions(self.fields, neutral: selectionRules, validator: validator) : nil
    }

    /// The selection-rule charges of a letter: hypercharge × `den`, SU(3) triality (p − q mod 3) and SU(2) label
    /// parity; conjugation negates the first two.
    private struct Charge: Equatable {
        var y = 0, triality = 0, parity = 0
        static func + (a: Charge, b: Charge) -> Charge {
            Charge(y: a.y + b.y, triality: (a.triality + b.triality) % 3, parity: (a.parity + b.parity) % 2)
        }
    }

    /// Enumerates, per kind, the non-decreasing factor tuples (the order the grammar writes), keeping those with a
    /// contraction in every group and, when `neutral`, charges summing to zero, in increasing lexicographic order,
    /// so the last tuple seen with a prefix is the largest. At most C(19, 4) = 3876 tuples for the quartics of eight
    /// complex scalars: once per parser. Because complete tuples are checked in full, with a table every factor slot
    /// offers only letters that lead to a complete term (without one, only the last slot is pruned).
    private static func completions(_ fields: [Field], neutral: Bool, validator: BatchTermValidator?) -> [[[Letter]: [Letter]]] {
        var den = BigInt.one
        for f in fields { den = BigInt.lcm(den, f.rep.hypercharge.denominator) }
        func charge(_ l: Letter) -> Charge {
            let r = fields[l.field].rep
            let y = (r.hypercharge * Rational(den)).numerator.asInt ?? 0
            let t = ((r.su3[0] - r.su3[1]) % 3 + 3) % 3
            return l.isConjugated ? Charge(y: -y, triality: (3 - t) % 3, parity: r.su2[0] % 2)
                                  : Charge(y: y, triality: t, parity: r.su2[0] % 2)
        }
        let pools = [false, true].map { fermion in letters(fields, fermion: fermion).map { ($0, charge($0)) } }
        func hasContraction(_ t: [Letter]) -> Bool {
            zip(OutputTokens.groups, OutputTokens.shapes(t, fields: fields)).allSatisfy { !SUContraction.all(n: $0.0.n, shapes: $0.1).isEmpty }
        }
        func admitted(_ k: Int, _ t: [Letter]) -> Bool {
            guard let validator else { return true }
            // O + h.c. and O† + h.c. are one pair of operators: only the builder's representative is offered, so no
            // term can repeat one of the other form (the validator sees one monomial's terms at a time).
            guard isRepresentative(t, fields: fields) else { return false }
            return !termOptions(kind: k, factors: t, fields: fields, earlier: [], validator: validator, firstOnly: true).isEmpty
        }
        return OutputTokens.kinds.indices.map { ki in
            let k = OutputTokens.kinds[ki]
            let slots = OutputTokens.slots(k)
            var out: [[Letter]: [Letter]] = [:]
            var tuple: [Letter] = []
            func extend(_ q: Charge) {
                if tuple.count == slots.count {
                    // The charge test first: it is cheap and removes most tuples before the contraction enumeration.
                    if (!neutral || q == Charge()) && hasContraction(tuple) && admitted(ki, tuple) {
                        for n in 0...tuple.count { out[Array(tuple[..<n])] = tuple }
                    }
                    return
                }
                for (l, c) in pools[slots[tuple.count] ? 1 : 0] where tuple.last.map({ !(l < $0) }) ?? true {
                    tuple.append(l); extend(q + c); tuple.removeLast()
                }
            }
            extend(Charge())
            return out
        }
    }

    /// Whether sorted letters are the builder's representative of {O, O†} (Lagrangian/Monomial.swift: fewer
    /// conjugated letters, then the sorted letters that come first), the form every builder term is written in.
    static func isRepresentative(_ sorted: [Letter], fields: [Field]) -> Bool {
        let conj = sorted.map { fields[$0.field].isReal ? $0 : Letter(field: $0.field, isConjugated: !$0.isConjugated) }.sorted()
        let nc = sorted.filter(\.isConjugated).count, ncc = conj.filter(\.isConjugated).count
        return !(ncc < nc || (ncc == nc && conj.lexicographicallyPrecedes(sorted)))
    }

    /// The contraction candidates of each group (SU(3), SU(2), Lorentz) for these factors.
    private static func contractionCandidates(_ factors: [Letter], fields: [Field]) -> [[SUContraction]] {
        let sh = OutputTokens.shapes(factors, fields: fields)
        return OutputTokens.groups.enumerated().map { g, grp in SUContraction.all(n: grp.n, shapes: sh[g]) }
    }

    /// Whether terms with these factors after `earlier` need the validator: some option could fail it only with an
    /// earlier term (redundancy), a repeated factor (symmetrisation can make a contraction vanish) or a
    /// self-conjugate monomial (hermiticity).
    private static func needsValidation(_ factors: [Letter], fields: [Field], earlier: [TokenTerm]) -> Bool {
        !earlier.isEmpty || zip(factors, factors.dropFirst()).contains { $0 == $1 }
            || OutputTokens.impliedConjugation(factors, fields: fields) == .hermitian
    }

    /// The options of a term of kind `k` with `factors` that `validator` admits after `earlier` (every option when
    /// none needs checking); with `firstOnly`, at most one. Cost: one batched validator call over at most
    /// (partitions × contraction candidates × 5 conjugations) terms.
    private static func termOptions(kind k: Int, factors: [Letter], fields: [Field], earlier: [TokenTerm],
                                    validator: BatchTermValidator, firstOnly: Bool) -> [TermOption] {
        let candidates = contractionCandidates(factors, fields: fields)
        let flavour = OutputTokens.flavourGroups(factors, fields: fields)
        let pending = flavour.filter { $0.range.count >= 2 }
        let implied = OutputTokens.impliedConjugation(factors, fields: fields)
        let conjugations = implied == .hermitian ? OutputTokens.conjugations : [implied]
        var all: [TermOption] = []
        var parts: [[Int]] = []
        var choice: [Int] = []
        func pick(_ g: Int) {
            if g == 3 {
                for c in conjugations { all.append(TermOption(partitions: parts, choice: choice, conjugation: c)) }
                return
            }
            for i in candidates[g].indices { choice.append(i); pick(g + 1); choice.removeLast() }
        }
        func partitionsFrom(_ j: Int) {
            if j == pending.count { pick(0); return }
            for p in OutputTokens.partitions(pending[j].range.count, rows: pending[j].generations) {
                parts.append(p); partitionsFrom(j + 1); parts.removeLast()
            }
        }
        partitionsFrom(0)
        guard needsValidation(factors, fields: fields, earlier: earlier) else { return firstOnly ? Array(all.prefix(1)) : all }
        let terms = all.map { o in
            TokenTerm(kind: OutputTokens.kinds[k], factors: factors,
                      contractions: (0..<3).map { candidates[$0][o.choice[$0]] }, conjugation: o.conjugation,
                      couplingNumber: earlier.count + 1, flavour: flavourGroups(flavour, partitions: o.partitions))
        }
        let ok = validator(terms, earlier)
        let admitted = zip(all, ok).filter(\.1).map(\.0)
        return firstOnly ? Array(admitted.prefix(1)) : admitted
    }

    /// The terms already written with the current kind and factors (the earlier terms of this monomial).
    private func earlierTerms(_ factors: [Letter]) -> [TokenTerm] {
        terms.filter { $0.kind == OutputTokens.kinds[kind] && $0.factors == factors }
    }

    /// Whether another term of the current kind and factors can follow `earlier` (true without a validator).
    private func furtherTermPossible(after earlier: [TokenTerm]) -> Bool {
        guard let validator else { return true }
        if let moreTerms, !earlier.isEmpty, let answer = moreTerms(earlier) { return answer }
        return !Self.termOptions(kind: kind, factors: factors, fields: fields, earlier: earlier, validator: validator,
                                 firstOnly: true).isEmpty
    }

    /// The flavour groups of a term: the partitions given for the groups of two or more copies, in order; [1] for
    /// a single copy.
    private static func flavourGroups(_ slots: [(range: Range<Int>, generations: Int)], partitions: [[Int]]) -> [TokenTerm.FlavourGroup] {
        var pi = 0
        return slots.map { g in
            var p = [1]
            if g.range.count >= 2 { p = partitions[pi]; pi += 1 }
            return .init(factors: g.range, generations: g.generations, partition: p)
        }
    }

    /// The current term with the choices made so far and conjugation `c` (at the conjugation stage).
    private func currentTerm(_ c: Conjugation) -> TokenTerm {
        let k = OutputTokens.kinds[kind]
        return TokenTerm(kind: k, factors: factors, contractions: chosen.map { $0! }, conjugation: c,
                         couplingNumber: counters[k, default: 0] + 1,
                         flavour: Self.flavourGroups(flavourSlots, partitions: partitionsRead))
    }

    /// Options agreeing with the choices made so far (partitions read, groups chosen).
    private func optionMatches(_ o: TermOption) -> Bool {
        zip(o.partitions, partitionsRead).allSatisfy { $0 == $1 }
            && (0..<3).allSatisfy { g in chosenIndex[g].map { $0 == o.choice[g] } ?? true }
    }

    /// `a` comes before `b` in the builder's order of monomials of one kind (lexicographic in the factors).
    private static func precedes(_ a: [Letter], _ b: [Letter]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x < y }
        return a.count < b.count
    }

    /// The factors so far plus `l` can be completed to a term the rules admit (always true without rules).
    private func admissible(_ l: Letter) -> Bool {
        guard let table = completions else { return true }
        guard let best = table[kind][factors + [l]] else { return false }
        return orderFloor.map { Self.precedes($0, best) } ?? true
    }

    /// The factors a new monomial of kind `k` must come after (with `canonicalOrder`), given the stage.
    private func floor(forKind k: Int) -> [Letter]? {
        guard canonicalOrder else { return nil }
        if stage == .conjugation { return k == kind ? factors : nil }
        return terms.last.flatMap { $0.kind == OutputTokens.kinds[k] ? $0.factors : nil }
    }

    // MARK: allowed next tokens

    /// Tokens that may come next; `Vocabulary.eos` when the sequence may end here.
    public func allowed() -> [String] {
        switch stage {
        case .done: return []
        case .termStart:
            var out: [String] = []
            if repeatable { out.append(OutputTokens.sameMonomial) }
            for k in lastKind..<OutputTokens.kinds.count where kindPossible(k) { out.append(OutputTokens.kindTokens[k]) }
            return out + [Vocabulary.eos]
        case .factors: return factorOptions().map(OutputTokens.factorToken)
        case .partitions:
            let g = pendingPartitionGroups()[partitionsRead.count]
            var parts = OutputTokens.partitions(g.range.count, rows: g.generations)
            if let options {
                let j = partitionsRead.count
                parts = parts.filter { p in options.contains { optionMatches($0) && $0.partitions[j] == p } }
            }
            return parts.map(OutputTokens.partitionToken)
        case .contraction:
            var out: [String] = []
            for (i, seq) in candidateTokens[group].enumerated() where seq.starts(with: groupPrefix) && candidateOpen(i) {
                let t = seq[groupPrefix.count]
                if !out.contains(t) { out.append(t) }
            }
            return out
        case .conjugation:
            let implied = OutputTokens.impliedConjugation(factors, fields: fields)
            var out = zip(OutputTokens.conjugationTokens, OutputTokens.conjugations)
                .filter { $0.1 != implied && conjugationOpen($0.1) }.map(\.0)
            guard conjugationOpen(implied) else { return out }
            if isRepeatableTerm && impliedRepeatable { out.append(OutputTokens.sameMonomial) }
            for k in kind..<OutputTokens.kinds.count where kindPossible(k) { out.append(OutputTokens.kindTokens[k]) }
            return out + [Vocabulary.eos]
        }
    }

    /// Candidate `i` of the current group completes some admitted option (always true without options).
    private func candidateOpen(_ i: Int) -> Bool {
        guard let options else { return true }
        return options.contains { optionMatches($0) && $0.choice[group] == i }
    }

    /// Conjugation `c` completes an admitted option. Without options: always without a validator; with one (the
    /// term needed no check) only "+ h.c." for a monomial whose conjugate is another monomial.
    private func conjugationOpen(_ c: Conjugation) -> Bool {
        guard let options else {
            return validator == nil || c == .plusHermitianConjugate
                || OutputTokens.impliedConjugation(factors, fields: fields) == .hermitian
        }
        return options.contains { optionMatches($0) && $0.conjugation == c }
    }

    private func kindPossible(_ k: Int) -> Bool {
        let s = OutputTokens.slots(OutputTokens.kinds[k])
        let hasFermion = fields.contains { $0.spin == .weylFermion }, hasScalar = fields.contains { $0.spin == .scalar }
        return (!s.contains(true) || hasFermion) && (!s.contains(false) || hasScalar) && kindAdmissible(k)
    }

    private func kindAdmissible(_ k: Int) -> Bool {
        guard let table = completions else { return true }
        guard let best = table[k][[]] else { return false }
        return floor(forKind: k).map { Self.precedes($0, best) } ?? true
    }

    private static func letters(_ fields: [Field], fermion: Bool) -> [Letter] {
        var out: [Letter] = []
        for (i, f) in fields.enumerated() where (f.spin == .weylFermion) == fermion {
            if !fermion && !f.isReal { out.append(Letter(field: i, isConjugated: true)) }
            out.append(Letter(field: i, isConjugated: false))
        }
        return out
    }

    private func factorOptions() -> [Letter] {
        let j = factors.count
        let prev = factors.last
        var opts = Self.letters(fields, fermion: slots[j]).filter { l in (prev.map { !(l < $0) } ?? true) && admissible(l) }
        if j == slots.count - 1 {
            opts = opts.filter { l in
                let sh = OutputTokens.shapes(factors + [l], fields: fields)
                return zip(OutputTokens.groups, sh).allSatisfy { !SUContraction.all(n: $0.0.n, shapes: $0.1).isEmpty }
            }
        }
        return opts
    }

    private func pendingPartitionGroups() -> [(range: Range<Int>, generations: Int)] {
        flavourSlots.filter { $0.range.count >= 2 }
    }

    // MARK: feeding

    /// Consumes one token. `Vocabulary.eos` ends the sequence.
    /// - Throws: `GrammarError` at `position` with the allowed tokens when the token is not allowed; the parser is
    ///   unchanged then.
    public mutating func feed(_ t: String) throws(GrammarError) {
        guard accepts(t) else {
            throw GrammarError(position: position, found: t == Vocabulary.eos ? nil : t, expected: allowed(), language: "output")
        }
        position += 1
        switch stage {
        case .done: break
        case .termStart:
            if t == Vocabulary.eos { stage = .done; return }
            if t == OutputTokens.sameMonomial { repeatMonomial(); return }
            startTerm(OutputTokens.kindTokens.firstIndex(of: t)!)
        case .factors:
            factors.append(Self.letter(t)!)
            if factors.count == slots.count { afterFactors() }
        case .partitions:
            partitionsRead.append(t.dropFirst().map { Int(String($0))! })
            if partitionsRead.count == pendingPartitionGroups().count { setUpContraction() }
        case .contraction:
            groupPrefix.append(t)
            if let i = candidateTokens[group].firstIndex(of: groupPrefix) {
                chosen[group] = candidates[group][i]
                chosenIndex[group] = i
                nextExplicitGroup(from: group + 1)
            }
        case .conjugation:
            if let c = OutputTokens.conjugationTokens.firstIndex(of: t) {
                finishTerm(OutputTokens.conjugations[c])
                stage = .termStart
            } else {
                finishTerm(OutputTokens.impliedConjugation(factors, fields: fields))
                if t == Vocabulary.eos { stage = .done }
                else if t == OutputTokens.sameMonomial { repeatMonomial() }
                else { startTerm(OutputTokens.kindTokens.firstIndex(of: t)!) }
            }
        }
    }

    /// `allowed().contains(t)`, without building the list where that is costly (factors, contractions).
    private func accepts(_ t: String) -> Bool {
        switch stage {
        case .factors:
            guard let l = Self.letter(t), l.field < fields.count else { return false }
            let f = fields[l.field]
            let j = factors.count
            guard (f.spin == .weylFermion) == slots[j], !(l.isConjugated && (f.spin == .weylFermion || f.isReal)) else { return false }
            if let last = factors.last, l < last { return false }
            guard admissible(l) else { return false }
            if j == slots.count - 1 {
                let sh = OutputTokens.shapes(factors + [l], fields: fields)
                return zip(OutputTokens.groups, sh).allSatisfy { !SUContraction.all(n: $0.0.n, shapes: $0.1).isEmpty }
            }
            return true
        case .contraction:
            let k = groupPrefix.count
            return candidateTokens[group].indices.contains { i in
                let s = candidateTokens[group][i]
                return s.count > k && s[k] == t && s.starts(with: groupPrefix) && candidateOpen(i)
            }
        default:
            return allowed().contains(t)
        }
    }

    /// The letter of a factor token `F<i>` or `F<i>*`.
    static func letter(_ t: String) -> Letter? {
        guard t.hasPrefix("F") else { return nil }
        let conj = t.hasSuffix("*")
        guard let i = Int(t.dropFirst().dropLast(conj ? 1 : 0)), i >= 0, t == "F\(i)" + (conj ? "*" : "") else { return nil }
        return Letter(field: i, isConjugated: conj)
    }

    private mutating func startTerm(_ k: Int) {
        orderFloor = floor(forKind: k)
        kind = k; lastKind = k
        factors = []; slots = OutputTokens.slots(OutputTokens.kinds[k]); partitionsRead = []; repeatable = false
        chosen = [nil, nil, nil]; chosenIndex = [nil, nil, nil]; candidates = [[], [], []]
        candidateTokens = [[], [], []]; groupPrefix = []; options = nil; impliedRepeatable = true
        stage = .factors
    }

    /// The current term (factors read) admits more than one term for its monomial.
    private var isRepeatableTerm: Bool {
        !pendingPartitionGroups().isEmpty || candidates.contains { $0.count > 1 }
    }

    /// `&`: a new term with the kind and factors of the one just finished.
    private mutating func repeatMonomial() {
        let f = factors
        startTerm(kind)
        factors = f
        afterFactors()
    }

    private mutating func afterFactors() {
        flavourSlots = OutputTokens.flavourGroups(factors, fields: fields)
        let earlier = earlierTerms(factors)
        if let validator, Self.needsValidation(factors, fields: fields, earlier: earlier) {
            options = Self.termOptions(kind: kind, factors: factors, fields: fields, earlier: earlier,
                                       validator: validator, firstOnly: false)
        }
        if pendingPartitionGroups().isEmpty { setUpContraction() } else { stage = .partitions }
    }

    private mutating func setUpContraction() {
        let sh = OutputTokens.shapes(factors, fields: fields)
        for (g, grp) in OutputTokens.groups.enumerated() {
            let cs = SUContraction.all(n: grp.n, shapes: sh[g])
            if cs.count == 1 { chosen[g] = cs[0]; chosenIndex[g] = 0 }
            candidates[g] = cs
            candidateTokens[g] = cs.map { OutputTokens.tokens($0, prefix: grp.prefix) }
        }
        nextExplicitGroup(from: 0)
    }

    private mutating func nextExplicitGroup(from g0: Int) {
        groupPrefix = []
        var g = g0
        while g < 3 && chosen[g] != nil { g += 1 }
        if g == 3 {
            stage = .conjugation
            let implied = OutputTokens.impliedConjugation(factors, fields: fields)
            impliedRepeatable = validator == nil || !isRepeatableTerm || !conjugationOpen(implied)
                || furtherTermPossible(after: earlierTerms(factors) + [currentTerm(implied)])
        } else { group = g; stage = .contraction }
    }

    private mutating func finishTerm(_ c: Conjugation) {
        let implied = OutputTokens.impliedConjugation(factors, fields: fields)
        terms.append(currentTerm(c))
        counters[OutputTokens.kinds[kind], default: 0] += 1
        // With the implied conjugation the answer was found on reaching the conjugation stage.
        repeatable = isRepeatableTerm && (validator == nil || (c == implied ? impliedRepeatable
                                                               : furtherTermPossible(after: earlierTerms(factors))))
    }

    /// True when the tokens so far form a complete sequence (EOS may follow, or has been fed).
    public var isComplete: Bool { stage == .done || allowed().contains(Vocabulary.eos) }

    /// Ends the sequence (feeding EOS if not yet fed) and returns the Lagrangian with the implied kinetic terms.
    public mutating func finish() throws(GrammarError) -> TokenLagrangian {
        if stage != .done { try feed(Vocabulary.eos) }
        var all: [TokenTerm] = []
        for (i, f) in fields.enumerated() {
            let fs = f.isReal ? [Letter(field: i, isConjugated: false), Letter(field: i, isConjugated: false)]
                              : [Letter(field: i, isConjugated: true), Letter(field: i, isConjugated: false)]
            all.append(TokenTerm(kind: .kinetic, factors: fs, contractions: nil, conjugation: .hermitian, couplingNumber: nil, flavour: []))
        }
        return TokenLagrangian(fields: fields, terms: all + terms)
    }
}

/// The output language: encoding a Lagrangian, decoding and checking token sequences.
public enum LagrangianTokens {
    /// The canonical output sequence of a Lagrangian (without BOS/EOS). Positions `F<i>` index `l.fields`.
    ///
    /// - Throws: `TokenizerError` when the Lagrangian has more fields than the vocabulary names, or a term the
    ///   language cannot carry (never for the builder's output; tested over random Lagrangians).
    public static func encode(_ l: Lagrangian) throws -> [String] {
        guard l.fields.count <= Vocabulary.maxFields else {
            throw TokenizerError("\(l.fields.count) fields; the vocabulary names at most \(Vocabulary.maxFields)")
        }
        var out: [String] = []
        var previous: (TermKind, [Letter])? = nil
        for t in l.terms where t.kind != .kinetic {
            guard let con = t.contraction, let k = OutputTokens.kindToken(t.kind) else {
                throw TokenizerError("term \(t.kind) without contraction")
            }
            if let p = previous, p.0 == t.kind, p.1 == t.factors {
                out.append(OutputTokens.sameMonomial)
            } else {
                out.append(k)
                out += t.factors.map(OutputTokens.factorToken)
            }
            previous = (t.kind, t.factors)
            for f in t.coupling?.flavour ?? [] where f.factors.count >= 2 { out.append(OutputTokens.partitionToken(f.partition)) }
            let sh = OutputTokens.shapes(t.factors, fields: l.fields)
            for (g, c) in [con.su3, con.su2, con.lorentz].enumerated() {
                let grp = OutputTokens.groups[g]
                let cs = SUContraction.all(n: grp.n, shapes: sh[g])
                if cs.count == 1 {
                    guard cs[0] == c else { throw TokenizerError("term \(t.factors): implied \(grp.prefix) contraction \(cs[0]) differs from \(c)") }
                } else {
                    out += OutputTokens.tokens(c, prefix: grp.prefix)
                }
            }
            if t.conjugation != OutputTokens.impliedConjugation(t.factors, fields: l.fields) {
                out.append(OutputTokens.conjugationToken(t.conjugation))
            }
        }
        return out
    }

    /// Reads an output sequence (no BOS/EOS needed; a trailing EOS is accepted) for a field list.
    /// - Throws: `GrammarError` at the first token outside the grammar.
    public static func decode(_ tokens: [String], fields: [Field]) throws(GrammarError) -> TokenLagrangian {
        var p = OutputParser(fields: fields)
        for t in tokens { try p.feed(t) }
        return try p.finish()
    }

    /// The first grammar error of a sequence, or nil when it parses completely.
    public static func check(_ tokens: [String], fields: [Field]) -> GrammarError? {
        do { _ = try decode(tokens, fields: fields); return nil } catch { return error }
    }

    /// Tokens allowed after `prefix` (`Vocabulary.eos` when the sequence may end), or nil if the prefix itself is
    /// not in the language.
    public static func allowedNext(after prefix: [String], fields: [Field]) -> [String]? {
        var p = OutputParser(fields: fields)
        do { for t in prefix { try p.feed(t) } } catch { return nil }
        return p.allowed()
    }
}

/// `lagrangify --format tokens`: the output sequence of a Lagrangian, tokens separated by spaces, on one line.
public func encodeLagrangian(_ l: Lagrangian) throws -> String {
    try LagrangianTokens.encode(l).joined(separator: " ")
}
