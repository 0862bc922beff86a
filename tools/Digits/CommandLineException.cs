namespace Digits;

/// <summary>
/// Options that parse one by one but do not work together (or not with what is on disk); the message names them and
/// says what to type instead. The tool prints it and exits with 2, as for a parse error.
/// </summary>
internal sealed class CommandLineException(string message) : Exception(message);
