// TorchSharp's random state and thread settings are global to the process, and the notebook tests each start a
// process that wants the machine's cores: run the tests one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
