# Times R forecast::ets() and forecast::thetaf() per series for the forecast benchmark.
# Usage: Rscript r-timing.R <input.csv> <output.csv>
# input: id,frequency,h,train (space-separated); output: id,ets_seconds,theta_seconds,ets_model,ets,theta
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
out <- data.frame(id = d$id, ets_seconds = NA_real_, theta_seconds = NA_real_, ets_model = "",
                  ets = "", theta = "", stringsAsFactors = FALSE)
# CPU time (user + system) of this process, so that other load on the machine does not count; clock-tick
# resolution (10 ms), so only sums over many series are meaningful.
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
for (i in seq_len(nrow(d))) {
  y <- ts(as.numeric(strsplit(d$train[i], " ")[[1]]), frequency = d$frequency[i])
  h <- d$h[i]
  t0 <- cpu()
  fit <- ets(y)
  fe <- forecast(fit, h = h)
  t1 <- cpu()
  ft <- thetaf(y, h = h)
  t2 <- cpu()
  out$ets_seconds[i] <- t1 - t0
  out$theta_seconds[i] <- t2 - t1
  out$ets_model[i] <- fit$method
  out$ets[i] <- paste(format(as.numeric(fe$mean), digits = 15), collapse = " ")
  out$theta[i] <- paste(format(as.numeric(ft$mean), digits = 15), collapse = " ")
}
write.csv(out, args[2], row.names = FALSE)
cat("R", as.character(packageVersion("forecast")), "\n")
