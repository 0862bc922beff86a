namespace ChapterApps;

/// <summary>A notebook the tool cannot turn into an app, or an app it may not write; the message says which and why.</summary>
internal sealed class ChapterAppsException(string message) : Exception(message);
