module gosym.invalid/truth

go 1.19
