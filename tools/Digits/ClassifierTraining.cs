using System.CommandLine;
using System.Diagnostics;
using GanKit.Runtime;
using GanKit.Data;
using GanKit.Models;
using GanKit.Tools;
using TorchSharp;
using static TorchSharp.torch;

namespace Digits;

/// <summary>Trains <see cref="DigitClassifier"/> once, reproducibly: fixed seed, fixed order, fixed settings.</summary>
internal static class ClassifierTraining
{
    private static readonly Option<DirectoryInfo?> Output = TypedOptions.Folder("--output",
        $"Where {DigitClassifierWeights.FileName} goes [default: artifacts/classifier]; an existing file is never overwritten");

    private static readonly Option<int> Epochs = TypedOptions.WholeNumber("--epochs", "Passes over the 60,000 training digits", minimum: 1, _ => 8);

    private static readonly Option<int> Seed = TypedOptions.WholeNumber("--seed", "Seed of the weights and the batch order", minimum: 0, _ => 2026);

    public static Command Command()
    {
        var command = new Command("train-classifier",
            "Train the digit classifier the digit metrics are measured with, on data/mnist, and report its test accuracy")
        {
            Output, Epochs, Seed,
        };
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        TorchSession.CheckSettings();
        var output = parse.GetValue(Output)?.FullName ?? RepositoryRoot.Path(Directory.GetCurrentDirectory(), "artifacts", "classifier");
        var epochs = parse.GetValue(Epochs);
        var seed = parse.GetValue(Seed);
        var target = Path.Combine(output, DigitClassifierWeights.FileName);
        if (File.Exists(target))
        {
            Console.Error.WriteLine($"{target} already exists and is never overwritten. Delete it or choose another --output.");
            return 1;
        }

        Outputs.Prepare(output, "--output");
        var session = TorchSession.Start();
        var dataFolder = RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "mnist");
        using var train = Mnist.Load(dataFolder, MnistSplit.Train, device: session.Device);
        using var test = Mnist.Load(dataFolder, MnistSplit.Test, device: session.Device);
        Console.WriteLine($"Training the digit classifier: {epochs} epochs of {train.Count:N0} digits, batch 128, Adadelta from learning rate 1.0 times 0.7 per epoch, seed {seed}.");

        manual_seed(seed);
        var classifier = new DigitClassifier().to(session.Device);
        DiskSpace.Require(output, classifier.parameters().Sum(parameter => parameter.numel()) * sizeof(float) * 9 / 8, "the classifier's weights");
        var optimizer = optim.Adadelta(classifier.parameters(), lr: 1.0);   // as Keras's mnist_cnn and pytorch/examples' mnist
        const int batchSize = 128;
        var clock = Stopwatch.StartNew();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = Math.Pow(0.7, epoch - 1);
            }

            classifier.train();
            using var order = randperm(train.Count, device: session.Device);
            var batches = (int)((train.Count + batchSize - 1) / batchSize);
            for (var batch = 0; batch < batches; batch++)
            {
                using var scope = NewDisposeScope();
                var indices = order.narrow(0, batch * batchSize, Math.Min(batchSize, train.Count - (batch * batchSize)));
                var loss = nn.functional.cross_entropy(classifier.call(train.Images.index_select(0, indices)), train.Labels.index_select(0, indices));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                NativeScalars.Release();
                if ((batch + 1) % 100 == 0 || batch + 1 == batches)
                {
                    // Redrawn in place on a terminal; one line each into a log.
                    var progress = $"epoch {epoch}/{epochs}  batch {batch + 1,4}/{batches}  loss {loss.item<float>():F4}  {clock.Elapsed.TotalSeconds,6:F0} s";
                    Console.Write(Console.IsOutputRedirected ? $"{progress}{Environment.NewLine}" : $"\r{progress}");
                }
            }

            Console.WriteLine($"  test accuracy {DigitClassifierWeights.Accuracy(classifier, test):P2}");
        }

        Outputs.SaveWeights(classifier, target, overwrite: false);
        Console.WriteLine($"Wrote {target} ({new FileInfo(target).Length:N0} bytes) in {clock.Elapsed.TotalSeconds:F0} s. To ship it: copy it to data/classifier/ and update data/classifier/SHA256SUMS.");
        return 0;
    }
}
