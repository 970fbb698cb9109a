import Testing
@testable import PanoramaShell

/// Builtins' scalar forms (`Builtin.scalar`, read by Compiler+Numbers.swift): a call in
/// unboxed arithmetic — a loop's statement, a numeric function's body — gives, to the last
/// digit, the number of the same call typed at the prompt (walked), for ordinary, na, NaN (0/0),
/// ±inf, huge, tiny and negative inputs, its option given by name, by variable or not at all.
@Suite struct ScalarFormTests {
    static let inputs = ["2.567", "-2.5", "0.125", "0", "na", "0 / 0", "inf", "-inf", "1e300", "-1e300", "-1e-300",
                         "123456.785", "1e16 + 1"]

    static let calls = [
        "round(a)", "round(a, digits=2)", "round(digits=-1, x=a)", "round(a, digits=15)", "round(a * 1.1, digits=d)",
        "round(a, digits=-15)", "log(a)", "log(a, base=10)", "log(a, base=d)", "log(base=0.5, x=a)", "log(a, base=1)",
        "log(10, base=a)", "abs(a - 3)", "sqrt(a)", "exp(a)", "floor(a)", "ceil(a) + round(a / 3, digits=1)",
    ]

    @Test(arguments: calls)
    func `an unboxed call of a builtin gives the prompt's number to the last digit`(call: String) {
        for input in Self.inputs {
            let script = """
                inf = 1e308 * 10
                a = \(input)
                d = 2
                p_ = \(call)
                for (i in 1:2) r_ = \(call)
                w_ = function(a, d) \(call)
                f_ = w_(a, d)
                paste(as_text(p_), is_na(p_) == is_na(r_), is_na(p_) == is_na(f_), p_ - r_, p_ - f_, p_ == r_, p_ == f_)
                """
            let t = run(script)
            #expect(t.stderr == "", "\(call) with a = \(input): \(t.stderr)")
            // The pasted text, printed in quotes.
            let fields = (t.out.last ?? "").dropFirst().dropLast().split(separator: " ").map(String.init)
            // na (na - na is na), or equal numbers: their difference 0, or na for the same infinity.
            let same = fields.count == 7 && fields[1] == "true" && fields[2] == "true"
                && (fields[0] == "na" ? fields[3...].allSatisfy { $0 == "na" }
                    : fields[5] == "true" && fields[6] == "true" && fields[3] == fields[4] && ["0", "na"].contains(fields[3]))
            #expect(same, "\(call) with a = \(input): \(t.out.last ?? "")")
        }
    }

    @Test func `an option the builtin refuses gives its error from the loop and the function body`() {
        for call in ["round(a, digits=d / 4)", "round(a, digits=d * 8)", "round(a, digits=-d * 8)", "round(a, 2)",
                     "round(a, digit=2)", "round(a, digits=t)", "log(a, base=t)", "log(a, b=2)", "round(a, digits=v)"] {
            let ways = walkedLoopedCalled(call, after: "a = 2.567\nd = 2\nt = \"x\"\nv = [1, 2]\n")
            #expect(ways[0].hasPrefix("error: "), "\(call): \(ways)")
            #expect(ways[0] == ways[1] && ways[0] == ways[2], "\(call): \(ways)")
        }
    }

    @Test func `a variable holding a builtin's name is called instead of the scalar form`() {
        let t = run("round = function(x, digits=0) x * 100 + digits\ns = 0\nfor (i in 1:3) s = s + round(i, digits=1)\ns")
        #expect(t.stderr == "")
        #expect(t.out.last == "603")
        // A variable that is not a function leaves the builtin callable, in a loop as at the prompt.
        let n = run("log = 5\nfor (i in 1:2) s = log(i * 100, base=10)\npaste(s, log(100, base=10), log)")
        #expect(n.stderr == "")
        #expect(n.out.last == "\"2.30102999566398 2 5\"", "\(n.out)")
    }

    /// `nchar`, `upper`, `substr`… answer one text without making a column of it; one-element
    /// vectors still take the column path: both must agree, as must their errors.
    @Test(arguments: ["nchar(x)", "upper(x)", "lower(x)", "trim(x)", "fold(x)", "substr(x, 2, 4)", "substr(x, -1, 99)",
                      "substr(x, 3, 2)", "is_na(x)"])
    func `a builtin of one text gives what it gives for a vector of that text`(call: String) {
        for text in ["\"  Éducation NATIONALE \"", "\"\"", "\"œuvre\""] {
            let one = run("x = \(text)\n\(call)"), vector = run("x = [\(text)]\n\(call)[1]")
            #expect(one.stderr == "" && vector.stderr == "", "\(call): \(one.stderr) \(vector.stderr)")
            #expect(one.out.last == vector.out.last && one.out.last != nil, "\(call) of \(text): \(one.out) \(vector.out)")
        }
        let missing = run("x = na\n\(call)"), vectorMissing = run("x = [na, \"a\"]\n\(call)[1]")
        #expect(missing.out.last == vectorMissing.out.last, "\(call) of na: \(missing) \(vectorMissing)")
    }

    @Test(arguments: ["\"12.5\"", "\" 1 234,5 \"", "\"3,5\"", "\"1e6\"", "\"abc\"", "\"\"", "\"NA\""])
    func `as_number of one text reads it as it reads a vector of it, with the same note`(text: String) {
        for call in ["as_number(x)", "as_number(x, decimal_mark=\",\")", "as_number(x, decimal_mark=\";\")"] {
            let one = run("x = \(text)\n\(call)"), vector = run("x = [\(text)]\n\(call)[1]")
            #expect(one.out.last == vector.out.last, "\(call) of \(text): \(one.out) \(vector.out)")
            #expect(one.stderr == vector.stderr, "\(call) of \(text)")
            #expect(one.out.last != nil || one.stderr.contains("error: 'decimal_mark' must be"), "\(call) of \(text): \(one.stderr)")
        }
    }

    @Test func `is_na of one value answers without a column and keeps its errors`() {
        let t = run("paste(is_na(1), is_na(na), is_na(0 / 0), is_na(\"a\"), is_na(true), is_na(1e308 * 10))")
        #expect(t.out.last == "\"false true true false false false\"", "\(t.out)")
        #expect(run("is_na([1, na])").out.last == "[false, true]")
        let e = run("is_na(function(x) x)")
        #expect(e.stderr.contains("error: 'x' must be a vector"), "\(e.stderr)")
    }
}
