namespace Orleans.Tuning.Model.Studies;

/// <summary>What a trial measured in one round.</summary>
/// <param name="Seconds">The round's training time, for a seconds-per-epoch objective.</param>
/// <param name="SecondValue">A two-objective synthetic function's second value; null otherwise.</param>
public sealed record RoundReport(int Round, int Epochs, double TrainLoss, double ValidationLoss, double ValidationAccuracy, double LearningRate,
    double Seconds = 0, double? SecondValue = null)
{
    /// <summary>The network blew up: a loss is NaN or infinite.</summary>
    /// <remarks>Accuracy alone cannot tell: a network of NaN weights still predicts some class and scores, say, 1/k.</remarks>
    public bool Diverged => !double.IsFinite(TrainLoss) || !double.IsFinite(ValidationLoss) || !double.IsFinite(ValidationAccuracy);

    /// <summary>Which measurement shows the divergence, for the note a user reads.</summary>
    public string DivergenceText =>
        !double.IsFinite(ValidationLoss) ? $"validation loss {ValidationLoss}"
        : !double.IsFinite(TrainLoss) ? $"training loss {TrainLoss}"
        : $"validation accuracy {ValidationAccuracy}";
}
