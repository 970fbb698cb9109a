# Reference values for months_between / years_between from lubridate itself:
# time_length(interval(a, b), "month" | "year") on date pairs chosen to hit the cases where
# conventions differ (start on the 29th-31st, leap days, either direction), plus random pairs.
# Run from this folder: Rscript lubridate_spans.R   (Debian: apt-get install r-cran-lubridate)
# Writes lubridate_spans.csv: a, b, days, months, years (%.17g). Tests read it and never call R.
suppressPackageStartupMessages(library(lubridate))
set.seed(20261206)
ends <- as.Date(c("2024-01-31", "2024-01-30", "2024-01-29", "2024-02-29", "2023-02-28", "2020-02-29",
                  "2023-05-31", "2022-08-31", "2021-12-30", "2019-03-30", "2024-03-31", "2000-02-29",
                  "1999-12-31", "2024-06-30", "2024-07-01", "2023-03-01"))
a <- c(rep(ends, each = length(ends)), as.Date("2018-01-01") + sample(0:3000, 300, replace = TRUE))
b <- c(rep(ends, times = length(ends)), NA)
b <- b[seq_along(a)]
random <- is.na(b)
b[random] <- a[random] + sample(-1200:1200, sum(random), replace = TRUE)
i <- interval(a, b)
out <- data.frame(a = format(a), b = format(b), days = as.integer(b - a),
                  months = sprintf("%.17g", time_length(i, "month")),
                  years = sprintf("%.17g", time_length(i, "year")))
writeLines(c(sprintf("# lubridate %s, R %s.%s", packageVersion("lubridate"), R.version$major, R.version$minor)),
           "lubridate_spans.csv")
suppressWarnings(write.table(out, "lubridate_spans.csv", sep = ",", quote = FALSE, row.names = FALSE, append = TRUE))
