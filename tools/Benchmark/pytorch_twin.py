#!/usr/bin/env python3
"""The PyTorch twin of tools/Benchmark: the same networks, the same two-pass loop and the same thread counts, in PyTorch.

tools/Benchmark starts it (when python3 imports torch) and reads the JSON object it prints as its last line of standard
output: {"torch": version, "blas": the BLAS library in use, "matrix_flops_per_second": {threads: FLOP/s of a 2048²
float32 product}, "results": [one object per configuration and thread count: "configuration", "threads",
"steps_per_second", "first_step_milliseconds"]}. Progress goes to standard error. The BLAS and the matrix rate matter:
a PyTorch built with MKL and one using a distribution's BLAS differ most in their matrix products. The networks mirror lib/GanKit/Models (DcganGenerator,
DcganDiscriminator, MlpGenerator, MlpDiscriminator, MlpLayers) layer for layer; the loop mirrors the tool's
HandWrittenLoop.cs (pass 1: G without gradient, D on real and generated, non-saturating loss and the R1 penalty when
its weight is above 0, Adam step; pass 2: D frozen, G through D, Adam step). The rates, betas, R1 weight and the DCGAN's
widths and dropout come from the tool in --settings, so the twin follows chapter 05's recipe.
"""

import argparse
import gzip
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

SEED = 2026  # MeasurementPlan.Seed


def mlp_layers(input_size, hidden, output_size, output_activation=None):
    """MlpLayers.Build: Linear layers with leaky ReLU (0.2) between them."""
    layers, width = [], input_size
    for size in hidden:
        layers += [nn.Linear(width, size), nn.LeakyReLU(0.2)]
        width = size
    layers.append(nn.Linear(width, output_size))
    if output_activation is not None:
        layers.append(output_activation)
    return nn.Sequential(*layers)


class MlpGenerator(nn.Module):
    def __init__(self, noise_size, output_size, hidden, tanh_output=False, sample_shape=None):
        super().__init__()
        self.noise_size = noise_size
        self.layers = mlp_layers(noise_size, hidden, output_size, nn.Tanh() if tanh_output else None)
        self.sample_shape = sample_shape

    def forward(self, noise):
        samples = self.layers(noise)
        return samples if self.sample_shape is None else samples.view(samples.shape[0], *self.sample_shape)


class MlpDiscriminator(nn.Module):
    def __init__(self, input_size, hidden):
        super().__init__()
        self.layers = mlp_layers(input_size, hidden, 1)

    def forward(self, samples):
        return self.layers(samples.flatten(1))


class DcganGenerator(nn.Module):
    def __init__(self, noise_size=100, width=32):
        super().__init__()
        self.noise_size = noise_size
        self.project = nn.Sequential(
            nn.Linear(noise_size, 4 * width * 7 * 7, bias=False), nn.BatchNorm1d(4 * width * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, (4 * width, 7, 7)))
        self.compose = nn.Sequential(nn.Conv2d(4 * width, 4 * width, 3, padding=1, bias=False), nn.BatchNorm2d(4 * width), nn.ReLU())
        self.upsample = nn.Sequential(
            nn.ConvTranspose2d(4 * width, 2 * width, 4, stride=2, padding=1, bias=False), nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.ConvTranspose2d(2 * width, 1, 4, stride=2, padding=1), nn.Tanh())

    def forward(self, noise):
        return self.upsample(self.compose(self.project(noise)))


class DcganDiscriminator(nn.Module):
    def __init__(self, width=32, dropout=0.3):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(1, width, 4, stride=2, padding=1), nn.LeakyReLU(0.2), nn.Dropout(dropout),
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1), nn.LeakyReLU(0.2), nn.Dropout(dropout),
            nn.Conv2d(2 * width, 4 * width, 3, stride=2, padding=1), nn.LeakyReLU(0.2), nn.Dropout(dropout),
            nn.Flatten(), nn.Linear(4 * width * 4 * 4, 1))

    def forward(self, images):
        return self.layers(images)


def build(name, settings):
    """(generator, discriminator, batch size, samples) for a configuration name of Configurations.cs and its settings."""
    family, batch = name.rsplit("-", 1)
    batch = int(batch)
    if family == "dcgan":
        return (DcganGenerator(100, int(settings["width"])), DcganDiscriminator(int(settings["discriminator_width"]), settings["dropout"]),
                batch, "digits")
    if family == "mlp":
        return (MlpGenerator(100, 28 * 28, [256, 512, 1024], tanh_output=True, sample_shape=(1, 28, 28)),
                MlpDiscriminator(28 * 28, [1024, 512, 256]), batch, "digits")
    if family == "toy2d":
        return MlpGenerator(2, 2, [128, 128, 128]), MlpDiscriminator(2, [128, 128, 128]), batch, "ring"
    raise SystemExit(f"pytorch_twin.py: unknown configuration '{name}'")


def load_digits(folder, count, device):
    """MNIST's training images as (count, 1, 28, 28) in (−1, 1), as Mnist.Load scaled by the tool."""
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz"), "rb") as file:
        data = file.read()
    pixels = torch.frombuffer(bytearray(data[16:16 + count * 28 * 28]), dtype=torch.uint8)
    return (pixels.view(count, 1, 28, 28).to(device).float() / 255) * 2 - 1


def digit_batches(digits, batch, generator):
    """ShuffledBatches: a fresh random order every epoch, an incomplete last batch dropped."""
    while True:
        order = torch.randperm(digits.shape[0], device=digits.device, generator=generator)
        for start in range(0, digits.shape[0] - batch + 1, batch):
            yield digits.index_select(0, order[start:start + batch])


def ring_batches(batch, device, generator):
    """GaussianMixture2D.Ring(): 8 Gaussians at angles 2πk/8 on the unit circle, σ = 0.01."""
    centers = torch.tensor([[math.cos(2 * math.pi * k / 8), math.sin(2 * math.pi * k / 8)] for k in range(8)], device=device)
    while True:
        modes = torch.randint(8, (batch,), device=device, generator=generator)
        yield centers.index_select(0, modes) + torch.randn(batch, 2, device=device, generator=generator) * 0.01


def make_step(generator, discriminator, batch, device, real_batches, settings):
    # zero_grad(set_to_none=False) below: TorchSharp's optimizers zero the gradients in place rather than dropping them
    # (PyTorch 2 drops them by default), so both do the same work.
    betas = (settings["beta1"], settings["beta2"])
    g_optimizer = torch.optim.Adam(generator.parameters(), lr=settings["g_lr"], betas=betas)
    d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=settings["d_lr"], betas=betas)
    r1 = settings["r1"]

    def step():
        real = next(real_batches)
        if r1 > 0:
            real.requires_grad_(True)
        with torch.no_grad():
            generated = generator(torch.randn(batch, generator.noise_size, device=device))
        real_scores = discriminator(real)
        loss = F.softplus(-real_scores).mean() + F.softplus(discriminator(generated)).mean()
        if r1 > 0:
            # R1: γ/2 · the batch mean of the squared gradient of D's score at the real samples.
            gradient, = torch.autograd.grad(real_scores.sum(), real, retain_graph=True, create_graph=True)
            loss = loss + gradient.square().flatten(1).sum(1).mean() * (r1 / 2)
        d_optimizer.zero_grad(set_to_none=False)
        loss.backward()
        d_optimizer.step()

        for parameter in discriminator.parameters():
            parameter.requires_grad_(False)
        scores = discriminator(generator(torch.randn(batch, generator.noise_size, device=device)))
        loss = F.softplus(-scores).mean()
        g_optimizer.zero_grad(set_to_none=False)
        loss.backward()
        g_optimizer.step()
        for parameter in discriminator.parameters():
            parameter.requires_grad_(True)

    return step


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def steps_per_second(step, device, seconds):
    synchronize(device)
    started, steps = time.perf_counter(), 0
    while True:
        step()
        steps += 1
        if time.perf_counter() - started >= seconds:
            break
    synchronize(device)
    return steps / (time.perf_counter() - started)


def matrix_flops_per_second(threads, repeats, device):
    """MatrixProductRate.cs: the median time of a 2048² float32 product at this thread count; 2n³ FLOPs each."""
    torch.set_num_threads(threads)
    size = 2048
    left, right = torch.randn(size, size, device=device), torch.randn(size, size, device=device)
    left @ right
    seconds = []
    for _ in range(repeats):
        synchronize(device)
        started = time.perf_counter()
        left @ right
        synchronize(device)
        seconds.append(time.perf_counter() - started)
    return 2 * size ** 3 / statistics.median(seconds)


def blas():
    """The BLAS library this process loaded (Linux), else what PyTorch was built with."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted({line.split()[-1] for line in maps if "blas" in os.path.basename(line.split()[-1]).lower()})
        if paths:
            return ", ".join(os.path.realpath(path) for path in paths)
    except OSError:
        pass
    info = [item for item in torch.__config__.show().replace(",", " ").split() if item.startswith("BLAS_INFO=")]
    return info[0] if info else "unknown"


def measure(name, threads, arguments, digits, device):
    torch.set_num_threads(threads)
    torch.manual_seed(SEED)
    settings = json.loads(arguments.settings)[name]
    generator, discriminator, batch, samples = build(name, settings)
    generator, discriminator = generator.to(device), discriminator.to(device)
    random = torch.Generator(device=device)
    random.manual_seed(SEED)
    real = digit_batches(digits, batch, random) if samples == "digits" else ring_batches(batch, device, random)
    step = make_step(generator, discriminator, batch, device, real, settings)

    synchronize(device)
    started = time.perf_counter()
    step()
    synchronize(device)
    first = (time.perf_counter() - started) * 1000
    started, warm = time.perf_counter(), 0
    while warm < 5 or time.perf_counter() - started < arguments.warm_up:
        step()
        warm += 1
    rates = [steps_per_second(step, device, arguments.seconds) for _ in range(arguments.repeats)]
    return {"configuration": name, "threads": threads, "steps_per_second": statistics.median(rates), "first_step_milliseconds": first}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", required=True, help="configuration names, comma-separated")
    parser.add_argument("--threads", required=True, help="fixed thread counts, comma-separated")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each timed window")
    parser.add_argument("--repeats", type=int, default=3, help="timed windows per measurement (the median is kept)")
    parser.add_argument("--warm-up", type=float, default=2.0, help="untimed seconds before the first window")
    parser.add_argument("--mnist", required=True, help="the data/mnist folder")
    parser.add_argument("--digits", type=int, default=60000, help="training digits to draw from")
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--matrix-repeats", type=int, default=5, help="timed matrix products per thread count")
    parser.add_argument("--settings", required=True,
                        help='JSON: per configuration name, {"g_lr", "d_lr", "beta1", "beta2", "r1", "width", "discriminator_width", "dropout"}')
    arguments = parser.parse_args()

    device = torch.device(arguments.device)
    names = arguments.configs.split(",")
    digits = load_digits(arguments.mnist, arguments.digits, device) if any(not name.startswith("toy2d") for name in names) else None
    thread_counts = [int(count) for count in arguments.threads.split(",")]
    matrix = {}
    for threads in thread_counts:
        matrix[str(threads)] = matrix_flops_per_second(threads, arguments.matrix_repeats, device)
        print(f"matrix product 2048², {threads} thread(s): {matrix[str(threads)] / 1e9:.1f} GFLOP/s", file=sys.stderr, flush=True)
    results = []
    for name in names:
        for threads in thread_counts:
            result = measure(name, threads, arguments, digits, device)
            print(f"{name}, {threads} thread(s): {result['steps_per_second']:.2f} steps/s (first step {result['first_step_milliseconds']:.0f} ms)",
                  file=sys.stderr, flush=True)
            results.append(result)
    print(json.dumps({"torch": torch.__version__, "blas": blas(), "matrix_flops_per_second": matrix, "results": results}))


if __name__ == "__main__":
    main()
