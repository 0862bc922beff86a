#!/usr/bin/env bash
# Runs once when the dev container is created (postCreateCommand), from any folder.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== .NET SDK $(dotnet --version) (global.json asks for $(sed -nE 's/.*"version": *"([^"]+)".*/\1/p' global.json) or a later 10.0 feature band)"

echo "== .NET tools: dotnet-interactive (the notebook kernel) and dotnet-repl, versions from .config/dotnet-tools.json"
dotnet tool restore

if [ -e /dev/nvidiactl ]; then
  echo "== NVIDIA GPU visible: GanKit takes the CUDA natives (TorchSharp-cuda-linux; the first restore downloads gigabytes)"
  nvidia-smi -L || echo "nvidia-smi is not available in the container; TorchSession.Start() will say whether CUDA works"
else
  echo "== no NVIDIA GPU visible: GanKit takes the CPU natives (libtorch-cpu-linux-x64)"
fi
echo "== building GanKit, so that the first notebook cell only loads it"
dotnet build lib/GanKit -nologo -clp:NoSummary

echo "== registering the .NET kernels with Jupyter (.net-csharp for the Jupyter extension and JupyterLab)"
dotnet dotnet-interactive jupyter install

echo "== ready: open notebooks/01-what-is-a-gan.ipynb and run it from the top"
