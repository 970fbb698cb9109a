/// A word people bring from another tool (dplyr, pandas, SQL, R) and how panorama says it.
///
/// `.help WORD` searches these rows (`.help filter` shows `where`), and `.help synonyms` prints
/// them all — the table docs/language.md shows. It is data: a new everyday verb is one more row.
struct Synonym {
    /// Where the word comes from.
    enum Tool: String {
        case dplyr, tidyr, pandas, statsmodels, sql = "SQL", r = "R", python = "Python", shell = "shells", stringr, lubridate
    }

    let word: String
    let tools: [Tool]
    /// What to write in panorama.
    let panorama: String
    /// Builtins or dot-commands whose one-line help is listed after it.
    let see: [String]

    init(_ word: String, _ tools: [Tool], _ panorama: String, see: [String]) {
        self.word = word
        self.tools = tools
        self.panorama = panorama
        self.see = see
    }

    /// One line: `filter (dplyr) → where(frame, condition)`.
    var line: String {
        "\(word) (\(tools.map(\.rawValue).joined(separator: ", "))) → \(panorama)"
    }

    /// The whole table for `.help synonyms`: the word, where it comes from, panorama's way.
    static func table() -> String {
        let rows = [("word", "from", "in panorama")] + all.map { ($0.word, $0.tools.map(\.rawValue).joined(separator: ", "), $0.panorama) }
        let w0 = rows.map(\.0.count).max()! + 2, w1 = rows.map(\.1.count).max()! + 2
        return rows.map { Help.pad($0.0, w0) + Help.pad($0.1, w1) + $0.2 }.joined(separator: "\n")
    }

    static let all: [Synonym] = [
        Synonym("filter", [.dplyr], "where(frame, condition)", see: ["where"]),
        Synonym("query", [.pandas], "where(frame, condition)", see: ["where"]),
        Synonym("subset", [.r], "where(frame, condition)", see: ["where"]),
        Synonym("mutate", [.dplyr], "f.col = expression (a new or replaced column)", see: []),
        Synonym("assign", [.pandas], "f.col = expression (a new or replaced column)", see: []),
        Synonym("group_by", [.dplyr], "summarize(frame, by=column, name=expression)", see: ["summarize", "per_group"]),
        Synonym("groupby", [.pandas, .sql], "summarize(frame, by=column, name=expression)", see: ["summarize", "per_group"]),
        Synonym("summarise", [.dplyr], "summarize(frame, by=column, name=expression)", see: ["summarize"]),
        Synonym("agg", [.pandas], "summarize(frame, by=column, name=expression)", see: ["summarize"]),
        Synonym("arrange", [.dplyr], "sort(frame, column, desc=true)", see: ["sort"]),
        Synonym("sort_values", [.pandas], "sort(frame, column, desc=true)", see: ["sort"]),
        Synonym("order", [.r, .sql], "sort(frame, column, desc=true)", see: ["sort"]),
        Synonym("slice", [.dplyr], "head(frame, n) or tail(frame, n)", see: ["head", "tail"]),
        Synonym("limit", [.sql], "head(frame, n)", see: ["head"]),
        Synonym("n_distinct", [.dplyr], "nrow(distinct(frame, column))", see: ["distinct", "nrow"]),
        Synonym("nunique", [.pandas], "nrow(distinct(frame, column))", see: ["distinct", "nrow"]),
        Synonym("unique", [.r, .pandas], "distinct(frame, column)", see: ["distinct"]),
        Synonym("value_counts", [.pandas], "table(vector) or count(frame, column)", see: ["table", "count"]),
        Synonym("read_csv", [.dplyr, .pandas], "load(\"file.csv\")", see: ["load"]),
        Synonym("read.csv", [.r], "load(\"file.csv\")", see: ["load"]),
        Synonym("read_excel", [.r, .pandas], "load(\"file.xlsx\", sheet=1)", see: ["load"]),
        Synonym("write_csv", [.dplyr], "save(frame, \"file.csv\")", see: ["save"]),
        Synonym("to_csv", [.pandas], "save(frame, \"file.csv\")", see: ["save"]),
        Synonym("export", [.shell], "save(frame, \"file.csv\"); .mode csv|json|markdown; .output FILE", see: ["save", ".mode", ".output"]),
        Synonym("json", [.shell], ".mode json, or panorama --format json", see: [".mode"]),
        Synonym("left_join", [.dplyr, .sql], "join(a, b, by=key, how=\"left\")", see: ["join"]),
        Synonym("merge", [.pandas, .r], "join(a, b, by=key)", see: ["join"]),
        Synonym("bind_rows", [.dplyr], "stack(a, b)", see: ["stack"]),
        Synonym("concat", [.pandas], "stack(a, b)", see: ["stack"]),
        Synonym("rbind", [.r], "stack(a, b)", see: ["stack"]),
        Synonym("union", [.sql], "stack(a, b)", see: ["stack"]),
        Synonym("lm", [.r], "ols(y ~ x, frame)", see: ["ols"]),
        Synonym("rq", [.r], "qreg(y ~ x, frame, tau=0.5)", see: ["qreg"]),
        Synonym("QuantReg", [.statsmodels], "qreg(y ~ x, frame, tau=0.5)", see: ["qreg"]),
        Synonym("logit", [.statsmodels], "glm(y ~ x, frame)", see: ["glm"]),
        Synonym("summary", [.r], "describe(frame); a model prints its summary", see: ["describe"]),
        Synonym("case_when", [.dplyr], "case_when(x < 3 ~ \"low\", true ~ \"high\") or ifelse(condition, yes, no)", see: ["case_when", "ifelse"]),
        Synonym("case", [.sql], "case_when(condition ~ value, …, true ~ otherwise)", see: ["case_when"]),
        Synonym("np.select", [.pandas], "case_when(condition ~ value, …)", see: ["case_when"]),
        Synonym("pivot", [.pandas, .sql], "pivot_wider(frame, names_from=col, values_from=col)", see: ["pivot_wider"]),
        Synonym("pivot_table", [.pandas], "pivot_wider(summarize(frame, by=[a, b], v=sum(x)), names_from=b, values_from=v)", see: ["pivot_wider", "summarize"]),
        Synonym("spread", [.tidyr], "pivot_wider(frame, names_from=col, values_from=col)", see: ["pivot_wider"]),
        Synonym("unstack", [.pandas], "pivot_wider(frame, names_from=col, values_from=col)", see: ["pivot_wider"]),
        Synonym("dcast", [.r], "pivot_wider(frame, names_from=col, values_from=col)", see: ["pivot_wider"]),
        Synonym("melt", [.pandas, .r], "pivot_longer(frame, cols=[a, b], names_to=\"name\", values_to=\"value\")", see: ["pivot_longer"]),
        Synonym("gather", [.tidyr], "pivot_longer(frame, cols=[a, b])", see: ["pivot_longer"]),
        Synonym("unpivot", [.sql], "pivot_longer(frame, cols=[a, b])", see: ["pivot_longer"]),
        Synonym("fillna", [.pandas], "coalesce(x, value)", see: ["coalesce"]),
        Synonym("ifnull", [.sql], "coalesce(x, value)", see: ["coalesce"]),
        Synonym("pd.cut", [.pandas], "cut(x, breaks=[…], labels=[…]) (closed on the right, as R)", see: ["cut"]),
        Synonym("min_rank", [.dplyr], "rank(x, ties=\"min\")", see: ["rank"]),
        Synonym("inner_join", [.dplyr], "join(a, b, by=key)", see: ["join"]),
        Synonym("full_join", [.dplyr, .sql], "join(a, b, by=key, how=\"full\")", see: ["join"]),
        Synonym("semi_join", [.dplyr], "join(a, b, by=key, how=\"semi\")", see: ["join"]),
        Synonym("anti_join", [.dplyr], "join(a, b, by=key, how=\"anti\")", see: ["join"]),
        Synonym("is.na", [.r], "is_na(x)", see: ["is_na"]),
        Synonym("isna", [.pandas], "is_na(x)", see: ["is_na"]),
        // Text: stringr, base R, pandas' .str accessor, SQL.
        Synonym("str_detect", [.stringr], "contains(x, pattern, regex=true)", see: ["contains"]),
        Synonym("grepl", [.r], "contains(x, pattern, regex=true)", see: ["contains"]),
        Synonym(".str.contains", [.pandas], "contains(x, pattern, regex=true)", see: ["contains"]),
        Synonym("like", [.sql], "contains(x, text), starts_with, ends_with", see: ["contains", "starts_with", "ends_with"]),
        Synonym("str_starts", [.stringr], "starts_with(x, pattern)", see: ["starts_with"]),
        Synonym("startsWith", [.r], "starts_with(x, pattern)", see: ["starts_with"]),
        Synonym(".str.startswith", [.pandas], "starts_with(x, pattern)", see: ["starts_with"]),
        Synonym("str_ends", [.stringr], "ends_with(x, pattern)", see: ["ends_with"]),
        Synonym(".str.endswith", [.pandas], "ends_with(x, pattern)", see: ["ends_with"]),
        Synonym("str_replace_all", [.stringr], "replace(x, pattern, with, regex=true)", see: ["replace"]),
        Synonym("str_replace", [.stringr], "replace(x, pattern, with, regex=true, first=true)", see: ["replace"]),
        Synonym("gsub", [.r], "replace(x, pattern, with, regex=true)", see: ["replace"]),
        Synonym("sub", [.r], "replace(x, pattern, with, regex=true, first=true)", see: ["replace"]),
        Synonym(".str.replace", [.pandas], "replace(x, pattern, with)", see: ["replace"]),
        Synonym("regexp_replace", [.sql], "replace(x, pattern, with, regex=true)", see: ["replace"]),
        Synonym("str_extract", [.stringr], "extract(x, regex)", see: ["extract"]),
        Synonym(".str.extract", [.pandas], "extract(x, regex)", see: ["extract"]),
        Synonym("regexp_extract", [.sql], "extract(x, regex)", see: ["extract"]),
        Synonym("str_to_lower", [.stringr], "lower(x)", see: ["lower"]),
        Synonym("tolower", [.r], "lower(x)", see: ["lower"]),
        Synonym(".str.lower", [.pandas], "lower(x)", see: ["lower"]),
        Synonym("str_to_upper", [.stringr], "upper(x)", see: ["upper"]),
        Synonym("toupper", [.r], "upper(x)", see: ["upper"]),
        Synonym(".str.upper", [.pandas], "upper(x)", see: ["upper"]),
        Synonym("str_trim", [.stringr], "trim(x)", see: ["trim"]),
        Synonym("trimws", [.r], "trim(x)", see: ["trim"]),
        Synonym(".str.strip", [.pandas], "trim(x)", see: ["trim"]),
        Synonym("str_sub", [.stringr], "substr(x, start, stop)", see: ["substr"]),
        Synonym("substring", [.r, .sql], "substr(x, start, stop)", see: ["substr"]),
        Synonym(".str.slice", [.pandas], "substr(x, start, stop) (1-based, inclusive)", see: ["substr"]),
        Synonym("str_length", [.stringr], "nchar(x)", see: ["nchar"]),
        Synonym(".str.len", [.pandas], "nchar(x)", see: ["nchar"]),
        Synonym("length", [.sql], "nchar(x) for text", see: ["nchar"]),
        Synonym("str_split", [.stringr], "split(x, sep)", see: ["split"]),
        Synonym("strsplit", [.r], "split(x, sep)", see: ["split"]),
        Synonym(".str.split", [.pandas], "split(x, sep)", see: ["split"]),
        Synonym("str_c", [.stringr], "paste(…, sep=\"\")", see: ["paste"]),
        Synonym("paste0", [.r], "paste(…, sep=\"\")", see: ["paste"]),
        Synonym(".str.cat", [.pandas], "paste(…, sep=, collapse=)", see: ["paste"]),
        Synonym("concat_ws", [.sql], "paste(…, sep=)", see: ["paste"]),
        Synonym("unidecode", [.pandas], "fold(x)", see: ["fold"]),
        Synonym("stri_trans_general", [.stringr], "fold(x)", see: ["fold"]),
        Synonym("formatC", [.r], "format(x, digits=, big_mark=, decimal_mark=)", see: ["format"]),
        Synonym("prettyNum", [.r], "format(x, big_mark=)", see: ["format"]),
        // Dates: lubridate, base R, pandas' .dt accessor, SQL.
        Synonym("ymd", [.lubridate], "as_date(x) (ISO and day-first dates read without a format)", see: ["as_date"]),
        Synonym("dmy", [.lubridate], "as_date(x, format=\"%d/%m/%Y\")", see: ["as_date"]),
        Synonym("as.Date", [.r], "as_date(x, format=)", see: ["as_date"]),
        Synonym("to_datetime", [.pandas], "as_date(x, format=)", see: ["as_date"]),
        Synonym("strptime", [.r, .pandas], "as_date(x, format=)", see: ["as_date"]),
        Synonym("strftime", [.r, .pandas], "format(x, \"%d/%m/%Y\")", see: ["format"]),
        Synonym("make_date", [.lubridate], "date(y, m, d)", see: ["date"]),
        Synonym("Sys.Date", [.r], "today()", see: ["today"]),
        Synonym("current_date", [.sql], "today()", see: ["today"]),
        Synonym(".dt.year", [.pandas], "year(x)", see: ["year"]),
        Synonym(".dt.month", [.pandas], "month(x)", see: ["month"]),
        Synonym(".dt.quarter", [.pandas], "quarter(x)", see: ["quarter"]),
        Synonym("wday", [.lubridate], "weekday(x) (1 Monday … 7 Sunday)", see: ["weekday"]),
        Synonym(".dt.dayofweek", [.pandas], "weekday(x) - 1", see: ["weekday"]),
        Synonym("%m+%", [.lubridate], "add_months(x, n)", see: ["add_months"]),
        Synonym("DateOffset", [.pandas], "add_months(x, n), or x + days", see: ["add_months"]),
        Synonym("interval", [.lubridate], "days_between(a, b), months_between(a, b), years_between(a, b)", see: ["days_between", "months_between", "years_between"]),
        Synonym("time_length", [.lubridate], "months_between(a, b), years_between(a, b)", see: ["months_between", "years_between"]),
        Synonym("datediff", [.sql], "days_between(a, b) or b - a", see: ["days_between"]),
        Synonym("date_trunc", [.sql], "floor_date(x, \"month\")", see: ["floor_date"]),
        Synonym(".dt.to_period", [.pandas], "floor_date(x, \"month\")", see: ["floor_date"]),
        Synonym("date_range", [.pandas], "seq(from, to, by=\"month\")", see: ["seq"]),
        Synonym("generate_series", [.sql], "seq(from, to, by=)", see: ["seq"]),
        Synonym("c", [.r], "[a, b, c] (a vector)", see: []),
        Synonym("NULL", [.r], "na (missing) or list() (empty)", see: ["list"]),
        Synonym("None", [.python], "na", see: []),
        Synonym("null", [.sql], "na", see: []),
        Synonym("NA", [.r], "na", see: ["is_na"]),
        Synonym("NaN", [.r, .python], "na", see: ["is_na"]),
        Synonym("TRUE", [.r, .python], "true", see: []),
        Synonym("FALSE", [.r, .python], "false", see: []),
        Synonym("lapply", [.r], "map(xs, f)", see: ["map"]),
        Synonym("sapply", [.r], "map(xs, f)", see: ["map"]),
        Synonym("len", [.python], "length(x), or nrow(frame)", see: ["length", "nrow"]),
        Synonym("seq_along", [.r], "seq_len(length(x))", see: ["seq_len"]),
        Synonym("switch", [.r], "case_when(x == a ~ …, …) or if (…) a else if (…) b", see: ["case_when"]),
        Synonym("cat", [.r], "print(paste(…))", see: ["print", "paste"]),
        Synonym("as.numeric", [.r], "as_number(x)", see: ["as_number"]),
        Synonym("float", [.python], "as_number(x)", see: ["as_number"]),
        Synonym("as.character", [.r], "as_text(x)", see: ["as_text"]),
        Synonym("commandArgs", [.r], "param(\"name\", default=…), or args", see: ["param"]),
    ]

    /// The first row of each word, and of each word lowercased: `advice` runs for every unknown
    /// name (10⁵ failing lines lowercased every word of the table 10⁵ times: 30 % of their time).
    private static let byWord = Dictionary(all.map { ($0.word, $0) }, uniquingKeysWith: { first, _ in first })
    private static let byLowercasedWord = Dictionary(all.map { ($0.word.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    /// The unknown-name error's advice for a word from another tool (`lm` → `ols(y ~ x, frame)`).
    static func advice(for name: String) -> String? {
        guard let s = byWord[name] ?? byLowercasedWord[name.lowercased()] else { return nil }
        return "for \(s.word) (\(s.tools.map(\.rawValue).joined(separator: ", "))) write \(s.panorama)"
    }

    /// The rows for a word typed in `.help`, case-insensitive; when none is exact, `.` and `_`
    /// count as the same (`read_excel` finds `read.excel` users too).
    static func matching(_ query: String) -> [Synonym] {
        let exact = all.filter { $0.word.lowercased() == query.lowercased() }
        if !exact.isEmpty { return exact }
        func key(_ s: String) -> String { s.lowercased().replacingOccurrences(of: ".", with: "_") }
        return all.filter { key($0.word) == key(query) }
    }
}
