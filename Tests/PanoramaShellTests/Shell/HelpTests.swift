import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

@Test func helpListsTopicsByCategoryAndCommands() {
    let t = ShellTranscript()
    let text = t.take(".help").out
    #expect(text.hasPrefix("panorama — .help NAME shows a builtin or command"))
    #expect(text.contains("math          log exp sqrt"))
    #expect(text.contains("commands      .help .quit .mode"))
    #expect(text.contains("keys "))
    #expect(text.contains("datasets "))
}

@Test func helpOfABuiltinShowsSignatureArgumentsAndTheExampleRunForReal() {
    let t = ShellTranscript()
    let page = t.take(".help log").out
    #expect(page == """
    log(x, base=)
      natural logarithm (base= for another base)

    arguments:
      x             a number or numeric vector
      base=         logarithm base (default e)

    example:
      > log([1, 10, 100], base=10)
      [0, 1, 2]
    """)
    #expect(t.take("?log").out == page)
}

@Test func everyBuiltinExampleRunsWithoutError() {
    for b in BuiltinRegistry.all where !b.example.isEmpty {
        let transcript = Help.runExample(b.example, like: Session(output: { _ in }, diagnostics: { _ in }))
        #expect(!transcript.contains { $0.hasPrefix("error") || $0.contains(": error:") }, "\(b.name): \(transcript)")
    }
}

/// Issue 14.7: `?save` and `?load` run their examples, which write a file: in a temporary
/// folder that is gone afterwards, never in the current folder or /tmp.
@Test(arguments: ["save", "load"])
func helpExamplesLeaveNoFilesBehind(_ name: String) throws {
    let old = "/tmp/panorama-\(name).csv"  // where the examples used to write
    try? FileManager.default.removeItem(atPath: old)
    let page = ShellTranscript().take("?\(name)").out
    #expect(page.contains("wrote 2 rows × 2 columns to 'panorama-\(name).csv'"))
    #expect(!page.contains("error:"))
    #expect(!FileManager.default.fileExists(atPath: "panorama-\(name).csv"))
    #expect(!FileManager.default.fileExists(atPath: old))
}

@Test func helpSearchesNamesAndSummaries() {
    let t = ShellTranscript()
    let found = t.take(".help variance").out
    #expect(found.contains("var(x)"))
    let commands = t.take(".help rows").out
    #expect(commands.contains(".maxrows [N]"))
    #expect(t.take(".help zzzz").out == "nothing matches 'zzzz' (.help lists the topics)")
    #expect(t.take(".help cumsun").out.hasPrefix("nothing matches 'cumsun'. Did you mean 'cumsum'?"))
}

@Test func helpOfACommandShowsItsUsage() {
    let t = ShellTranscript()
    #expect(t.take(".help mode").out == ".mode [box|markdown|csv|json]\n  how results print")
    #expect(t.take(".help .timer").out == ".timer [on|off]\n  print wall and CPU time after each statement")
}

@Test func helpKeysListsTheBindings() {
    let t = ShellTranscript()
    let keys = t.take(".help keys").out
    for k in ["TAB", "Up / Down", "Ctrl-R", "Ctrl-C", "Ctrl-D"] { #expect(keys.contains(k), "\(k)") }
}

@Test func helpDatasetsListsTheBundledDatasets() {
    let t = ShellTranscript()
    let listing = t.take(".help datasets").out
    #expect(listing == DatasetHelp.text())
}

@Test func everyParameterOfEveryBuiltinHasASummary() {
    for b in BuiltinRegistry.all {
        #expect(!b.summary.isEmpty, "\(b.name) has no summary")
        for p in b.parameters {
            #expect(!p.summary.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.name): parameter '\(p.name)' has no summary")
        }
    }
}

/// Issue 14.8: `.help` finds the words people bring from dplyr, pandas, SQL and R.
@Test(arguments: [
    ("filter", "filter (dplyr) → where(frame, condition)", "where(frame, condition)"),
    ("mutate", "mutate (dplyr) → f.col = expression", nil),
    ("group_by", "group_by (dplyr) → summarize(frame, by=column, name=expression)", "summarize(frame, by=, name=expr, …)"),
    ("export", "export (shells) → save(frame, \"file.csv\")", ".mode [box|markdown|csv|json]"),
    ("json", "json (shells) → .mode json, or panorama --format json", ".mode [box|markdown|csv|json]"),
    ("arrange", "arrange (dplyr) → sort(frame, column, desc=true)", "sort(x, column, …, desc=false)"),
    ("slice", "slice (dplyr) → head(frame, n) or tail(frame, n)", "head("),
    ("n_distinct", "n_distinct (dplyr) → nrow(distinct(frame, column))", "distinct(x, column, …)"),
    ("read_csv", "read_csv (dplyr, pandas) → load(\"file.csv\")", "load("),
    ("read.csv", "read.csv (R) → load(\"file.csv\")", "load("),
    ("str_detect", "str_detect (stringr) → contains(x, pattern, regex=true)", "contains(x, pattern, regex=false)"),
    (".str.contains", ".str.contains (pandas) → contains(x, pattern, regex=true)", "contains(x, pattern, regex=false)"),
    ("str_sub", "str_sub (stringr) → substr(x, start, stop)", "substr(x, start, stop)"),
    ("str_to_lower", "str_to_lower (stringr) → lower(x)", "lower(x)"),
    ("ymd", "ymd (lubridate) → as_date(x)", "as_date(x, format=)"),
    ("strftime", "strftime (R, pandas) → format(x, \"%d/%m/%Y\")", "format(x, layout, digits=, big_mark=, decimal_mark=, lang=\"fr\")"),
    ("%m+%", "%m+% (lubridate) → add_months(x, n)", "add_months(x, n)"),
    ("date_trunc", "date_trunc (SQL) → floor_date(x, \"month\")", "floor_date(x, unit)"),
] as [(String, String, String?)])
func helpFindsWordsFromOtherTools(word: String, synonym: String, builtin: String?) {
    let out = ShellTranscript().take(".help \(word)").out
    #expect(out.hasPrefix(synonym), "\(out)")
    if let builtin { #expect(out.contains("\n" + builtin) || out.contains(builtin), "\(out)") }
    #expect(!out.hasPrefix("nothing matches"))
}

@Test func helpSearchesArgumentNames() {
    // `desc=` is an argument of sort, not in its name or summary.
    #expect(ShellTranscript().take(".help desc").out.contains("sort(x, column, …, desc=false)"))
}

@Test func helpSynonymsListsTheWholeTable() {
    let out = ShellTranscript().take(".help synonyms").out.split(separator: "\n").map(String.init)
    #expect(out.count == Synonym.all.count + 1)
    for (line, s) in zip(out.dropFirst(), Synonym.all) { #expect(line.hasPrefix(s.word + " ") && line.hasSuffix(s.panorama)) }
    // Every builtin a synonym points to exists, so the table cannot go stale.
    for s in Synonym.all {
        for name in s.see {
            #expect(BuiltinRegistry.byName[name] != nil || Session.commands.contains { $0.name == name }, "\(s.word): \(name)")
        }
    }
}
