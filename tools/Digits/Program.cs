using Digits;

try
{
    return args switch
    {
        ["train-classifier", .. var rest] => ClassifierTraining.Run(rest),
        ["train-gan", .. var rest] => GanTraining.Run(rest),
        ["evaluate-gan", .. var rest] => CheckpointEvaluation.Run(rest),
        _ => Usage(),
    };
}
catch (Exception exception) when (exception is ArgumentException or GanKit.Data.DataFileException or GanKit.Training.TrainingDivergedException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: dotnet run --project tools/Digits -c Release -- <command> [options]
          train-gan [--model dcgan|mlp] [--steps N] [--output FOLDER] [--checkpoint-every N] [--resume] [--seed N]
                    [--eval-samples N] [--eval-every N] [--width N] [--batch N] [--g-lr X] [--d-lr X] [--average DECAY]
                    [--dropout P] [--r1 GAMMA]
              Trains chapter 05's digit GAN (default: the DCGAN, 5,000 steps; mlp: the article's fully-connected GAN,
              5,000 steps; GANKIT_SMOKE=1: 60 steps) with a progress bar, a checkpoint every N steps (default 1,000) in
              FOLDER/checkpoints, then writes FOLDER/samples.png, FOLDER/generator.bin and FOLDER/metrics.json (digit-FID
              against the real-data floor, IS, class balance, precision/recall). Default FOLDER: artifacts/gan/<model>.
              A folder with checkpoints is only continued with --resume (from its newest checkpoint); nothing is overwritten.
              --dropout sets the DCGAN discriminator's dropout (default 0.3) and --r1 the weight of D's R1 gradient
              penalty on real digits (default 0, off); both may differ from the run being resumed.
          evaluate-gan [--model dcgan|mlp] [--checkpoints FOLDER] [--every N] [--eval-samples N] [--width N]
              Measures every N-th checkpoint of a train-gan run (default FOLDER: artifacts/gan/<model>/checkpoints) with
              the same numbers as train-gan, one CSV line per checkpoint: quality over training time.
          train-classifier [--output FOLDER] [--epochs N (default 8)] [--seed N (default 2026)]
              Trains the digit classifier digit-FID is measured with on data/mnist, reports test accuracy, and writes
              FOLDER/digit-classifier.bin (default FOLDER: artifacts/classifier; an existing file is never overwritten).
        """);
    return 2;
}
