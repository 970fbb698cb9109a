import Testing
@testable import PanoramaShell

/// Constructs, operators and words from R, Python, JavaScript and SQL are refused in words,
/// with panorama's spelling, instead of "unexpected name; expected end of statement".
@Suite struct ForeignConstructTests {
    @Test(arguments: [
        ("function f(x) { x }", "a function has no name of its own: write name = function(x) body"),
        ("def f(x): x", "there is no 'def'; define a function with name = function(x) body"),
        ("lambda x: x", "there is no 'lambda'; write function(x) body"),
        ("f = lambda x: x", "there is no 'lambda'; write function(x) body"),
        ("if (true) 1 elif (false) 2", "there is no 'elif'; write else if (condition) …"),
        ("{ x = 2 elif }", "there is no 'elif'; write else if (condition) …"),
        ("repeat { break }", "there is no 'repeat'; write while (true) { … } and leave it with break"),
        ("f = function(x) return x", "return takes parentheses: return(value)"),
        ("f = function(x) { return x }", "return takes parentheses: return(value)"),
        ("if x > 1 { 2 }", "'if' takes its condition in parentheses: if (condition) a else b"),
        ("while true { }", "'while' takes its condition in parentheses: while (condition) body"),
        ("for i in 1:3: print(i)", "'for' takes parentheses: for (x in xs) body"),
        ("let x = 3", "there is no 'let'; assign with name = value"),
        ("f = function(x, ...) x", "there is no '...'; a function takes named parameters (a list or vector passes several values)"),
        ("f = (x) => x", "there is no '=>'; write function(x) body for a function (and name = value to assign)"),
        ("f = x -> x", "there is no '->'; write function(x) body for a function (and name = value to assign)"),
        ("x ** 2", "there is no '**'; write a ^ b for a power"),
        ("x = 1\nx--", "there is no '--'; write x = x - 1"),
        ("x %in% [1]", "there is no '%in%'; write x in [a, b]"),
        ("x %>% f()", "there is no '%>%'; the pipe is |>"),
        ("x %% 2", "there is no '%%'; '%' is the remainder (with the divisor's sign, as R's %%)"),
        ("x %/% 2", "there is no '%/%'; write floor(a / b)"),
        ("x == 2 ? 1 : 0", "there is no 'condition ? a : b'; write if (condition) a else b"),
        ("x = c(1, 2)", "no variable or function named 'c'; for c (R) write [a, b, c] (a vector)"),
        ("x = NULL", "no variable or function named 'NULL'; for NULL (R) write na (missing) or list() (empty)"),
        ("x = TRUE", "no variable or function named 'TRUE'; for TRUE (R, Python) write true"),
        ("lm(y ~ x)", "no variable or function named 'lm'; for lm (R) write ols(y ~ x, frame)"),
        ("lapply([1, 4], sqrt)", "no variable or function named 'lapply'; for lapply (R) write map(xs, f)"),
    ])
    func `another language's construct is refused with panorama's spelling`(code: String, message: String) {
        let t = run(code)
        #expect(t.outcome == .failed)
        #expect(t.stderr.contains("error: " + message), "\(t.stderr)")
    }

    @Test(arguments: [
        ("x = 7\nx % 3", "1"),
        ("x = 7\nx --1", "8"),
        ("x = 7\nx %3% 2", "1"),
        ("c = 3\nc * 2", "6"),
        ("p = frame(next=[1, 2])\nsum(p.next)", "3"),
        ("if (false) 1 else if (true) 2 else 3", "2"),
    ])
    func `the valid code that looks like them still runs`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }
}
