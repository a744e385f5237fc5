namespace EmrStudio.CodePublisher.Inputs;

/// <summary>An input the publisher cannot work with; the message names the input and says what is wrong and what to do.</summary>
internal sealed class InvalidInputException(string message) : Exception(message);
