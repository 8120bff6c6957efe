module gosym.invalid/oracle

go 1.19
