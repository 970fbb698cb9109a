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
        ("n = 0\nf = function() n <<- n + 1", "there is no '<<-': a function cannot assign its caller's variables; return the value and assign the result (x = f(x))"),
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

/// Characters a word processor or a PDF puts in pasted code: typographic quotes, dashes and
/// signs are refused naming what to type (they were read as part of a name: `x = “Transport”`
/// looked for a variable called “Transport”), other spaces are blanks, accented letters stay names.
@Suite struct TypographicCharacterTests {
    @Test(arguments: [
        ("x = “Transport”", "'“' is a typographic quote; write text between straight quotes, \"…\" or '…'", 5),
        ("x = ’texte’", "'’' is a typographic quote; write text between straight quotes, \"…\" or '…'", 5),
        ("x = « Transport »", "'«' is a typographic quote; write text between straight quotes, \"…\" or '…'", 5),
        ("f = function(montant, ’note’=1) montant", "'’' is a typographic quote; write text between straight quotes, \"…\" or '…'", 23),
        ("x = 5 − 2", "'−' is not the minus sign; write '-'", 7),
        ("x = 5 – 2", "'–' is not the minus sign; write '-'", 7),
        ("x = 5 × 2", "'×' is not the multiplication sign; write '*'", 7),
        ("x = 5 ≤ 2", "there is no '≤'; write '<='", 7),
        ("x = 3 € 4", "unexpected character '€'", 7),
    ])
    func `a typographic look-alike is refused naming the character to type`(code: String, message: String, column: Int) {
        let t = run(code, file: "s.pan")
        #expect(t.outcome == .failed)
        #expect(t.stderr.hasPrefix("s.pan:1:\(column): error: " + message + "\n"), "\(t.stderr)")
    }

    @Test(arguments: [
        ("x = 1\u{00A0}+\u{202F}2\nx", "3"),
        ("\u{FEFF}x = 4\nx", "4"),
        ("coût = 3\nÉté = coût * 2\nÉté", "6"),
        ("l = list(durée=2)\nl.durée", "2"),
        ("x = \"l’équipe « A »\"\nnchar(x)", "14"),
    ])
    func `other spaces are blanks and accented letters are names`(code: String, expected: String) {
        let t = run(code)
        #expect(t.stderr == "")
        #expect(t.out.last == expected)
    }

    @Test func `a string across the lines of a CRLF script holds a newline, not a carriage return`() {
        let t = run("s = \"a\r\nb\"\r\nnchar(s)\r\n")
        #expect(t.stderr == "")
        #expect(t.out.last == "3")
    }
}
