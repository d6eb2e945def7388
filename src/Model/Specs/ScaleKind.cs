namespace Orleans.Tuning.Model.Specs;

/// <summary>The scales a spec can name under <c>scale:</c>; each builds the <see cref="Search.Scale"/> of the same name.</summary>
public enum ScaleKind
{
    Linear,
    Log,
    OneMinusLog,
    Int,
    IntLog,
    Categorical,
}
