#!/usr/bin/env Rscript
# Writes reference values for Vigil's outbreak detectors (EARS C1/C2/C3 and the improved Farrington method), computed
# by the R package 'surveillance' (Debian r-cran-surveillance) on count series that package ships.
#
# Usage: Rscript scripts/outbreak-reference.R [output-folder]
#   default output folder: tests/Vigil.Alerting.Tests/Reference
# Writes outbreak-series.csv (dataset,t,observed) and outbreak-reference.csv (dataset,method,t,upperbound,alarm).
#
# Series are given integer epochs (epochAsDate = FALSE), so farringtonFlexible picks reference weeks as t - i*52,
# which is what Vigil's implementation does.
suppressPackageStartupMessages(library(surveillance))

args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else file.path("tests", "Vigil.Alerting.Tests", "Reference")
dir.create(out, showWarnings = FALSE, recursive = TRUE)

data("salmonella.agona", package = "surveillance")
data("salmNewport", package = "surveillance")
data("campyDE", package = "surveillance")
data("ha.sts", package = "surveillance")

series <- list(
  salmonella_agona = as.integer(salmonella.agona$observed),
  salmNewport_total = as.integer(rowSums(observed(salmNewport))),
  campyDE = as.integer(campyDE$case),
  ha_total = as.integer(rowSums(observed(ha.sts)))
)

num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
flag <- function(x) ifelse(is.na(x), "NA", ifelse(x, "1", "0"))

seriesRows <- list()
refRows <- list()
for (name in names(series)) {
  y <- series[[name]]
  seriesRows[[name]] <- data.frame(dataset = name, t = seq_along(y), observed = y)
  s <- sts(observed = matrix(y, ncol = 1), frequency = 52, start = c(2000, 1))

  # Default EARS settings of surveillance::earsC: baseline 7; alpha 0.001 for C1 and C2, 0.025 for C3; minSigma 0.
  for (m in c("C1", "C2", "C3")) {
    range <- seq(from = switch(m, C1 = 8, C2 = 10, C3 = 12), to = length(y))
    r <- earsC(s, control = list(method = m, range = range))
    t <- range
    refRows[[paste(name, m)]] <- data.frame(
      dataset = name, method = paste0("ears-", tolower(m)), t = t,
      upperbound = num(upperbound(r)[, 1]), alarm = flag(alarms(r)[, 1]))
  }

  # The improved Farrington method (Noufaily et al. 2013, Stat Med 32:1206-1222): 10 seasonal periods, 26 recent
  # weeks left out of the baseline, reweighting threshold 2.58, trend always considered (pThresholdTrend = 1).
  for (threshold in c("delta", "nbPlugin")) {
    ctrl <- list(b = 5, w = 3, noPeriods = 10, pastWeeksNotIncluded = 26, weightsThreshold = 2.58,
                 pThresholdTrend = 1, trend = TRUE, reweight = TRUE, alpha = 0.05, powertrans = "2/3",
                 limit54 = c(5, 4), thresholdMethod = threshold, glmWarnings = FALSE,
                 range = seq(from = 52 * 5 + 3 + 1, to = length(y)))
    r <- farringtonFlexible(s, control = ctrl)
    refRows[[paste(name, threshold)]] <- data.frame(
      dataset = name, method = paste0("farrington-", tolower(threshold)), t = ctrl$range,
      upperbound = num(upperbound(r)[, 1]), alarm = flag(alarms(r)[, 1]))
  }
}

write.csv(do.call(rbind, seriesRows), file.path(out, "outbreak-series.csv"), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, refRows), file.path(out, "outbreak-reference.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("surveillance %s: wrote %s\n", as.character(packageVersion("surveillance")), out))
