module gosym.invalid/vecprog

go 1.19
