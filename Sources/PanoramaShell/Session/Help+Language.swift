/// `.help` for the language itself (`.help function`, `.help for`, `.help if`…) and `?f` for a
/// user function: its signature and the `#'` lines written above its definition.
extension Help {
    static let languageTopics: [String: (summary: String, example: String)] = [
        "function": ("function(x, by=\"a\") body — a value; the body's last expression is the result, return(v) leaves early; arguments bind like a builtin's (keywords, defaults)",
                     "#' Twice the value\ndouble = function(x, by=2) x * by\ndouble(4)\ndouble(4, by=3)"),
        "if": ("if (cond) a else b — an expression: its value is the branch taken; cond must be one true or false (na is an error)",
               "x = 3\nif (x > 2) \"big\" else \"small\""),
        "for": ("for (x in xs) body — over a vector, a range 1:n, a frame's rows or a list; assignments persist; break and next; prints nothing itself (use print)",
                "total = 0\nfor (i in 1:4) { if (i == 3) next; total = total + i }\ntotal"),
        "while": ("while (cond) body — repeats while cond is true; break and next; Ctrl-C stops it",
                  "i = 1\nwhile (i < 100) i = i * 3\ni"),
        "list": ("list(name=value, …) — values of different kinds: l.name, l[2], l[\"name\"]",
                 "l = list(n=12, label=\"cost\")\nl[2]"),
        "index": ("x[i], x[2:5], x[x > 3], p[1:10] (rows), l[2]: 1-based; x[i] = v and f.col[rows] = v assign",
                  "x = [5, 6, 7, 8]\nx[2:3]\nx[x > 6]"),
    ]

    /// Other words for the language's topics: `.help next` is `for`'s page, `.help args` `param`'s.
    static let languageAliases: [String: String] = [
        "break": "for", "next": "for", "loop": "for", "loops": "for", "else": "if", "return": "function",
        "functions": "function", "closure": "function", "repeat": "while", "lists": "list", "indexing": "index",
        "[": "index", "[]": "index", ":": "index", "args": "param", "parameters": "param", "arguments": "param",
    ]

    static func languagePage(_ q: String, session: Session) -> String? {
        if case .object(let o)? = session.interpreter.environment.lookup(q), let f = o as? FunctionValue {
            let doc = f.literal.documentation
            return f.signature + (doc.isEmpty ? "\n  (a function defined in this session; write #' lines above it to document it)"
                                  : "\n" + doc.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        }
        if case .object(let o)? = session.interpreter.environment.lookup(q), let b = o as? BuiltinFunctionValue {
            return "\(q) holds the builtin \(b.builtin.name):\n" + page(b.builtin, session: session)
        }
        if languageAliases[q] == "param", let param = BuiltinRegistry.byName["param"] { return page(param, session: session) }
        guard let topic = languageTopics[languageAliases[q] ?? q] else { return nil }
        return ([topic.summary, "", "example:"] + runExample(topic.example, like: session).map { "  " + $0 })
            .joined(separator: "\n")
    }
}
