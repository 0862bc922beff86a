using Digits;

return args switch
{
    ["train-classifier", .. var rest] => ClassifierTraining.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: dotnet run --project tools/Digits -c Release -- <command> [options]
          train-classifier [--output FOLDER] [--epochs N (default 8)] [--seed N (default 2026)]
              Trains the digit classifier digit-FID is measured with on data/mnist, reports test accuracy, and writes
              FOLDER/digit-classifier.bin (default FOLDER: artifacts/classifier; an existing file is never overwritten).
        """);
    return 2;
}
