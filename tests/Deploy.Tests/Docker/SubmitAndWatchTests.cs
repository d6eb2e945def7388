using System.Diagnostics;

namespace Orleans.Tuning.Deploy.Tests.Docker;

/// <summary>The study Job's script, run against a stand-in for `dotnet tune.dll` that records its calls.</summary>
public sealed class SubmitAndWatchTests : IDisposable
{
    private readonly DirectoryInfo bin = Directory.CreateTempSubdirectory("submit-and-watch-");
    private string Calls => Path.Combine(bin.FullName, "calls");

    public SubmitAndWatchTests()
    {
        // `submit` exits 3 (cluster unreachable, nothing submitted) as many times as $UNREACHABLE says, or $SUBMIT_EXIT.
        Script("dotnet", """
            echo "$*" >> "$CALLS"
            case "$2" in
              submit)
                n=$(grep -c ' submit ' "$CALLS")
                if [ "$n" -le "${UNREACHABLE:-0}" ]; then echo "error: cannot reach cluster 'tuning'"; exit 3; fi
                if [ -n "${SUBMIT_EXIT:-}" ]; then echo "error: bad spec"; exit "$SUBMIT_EXIT"; fi
                echo "digits-20261125-0001"; echo "caviar (a population fits); follow it with: tune watch digits-20261125-0001"; exit 0 ;;
              watch) exit "${WATCH_EXIT:-0}" ;;
            esac
            """);
        Script("sleep", "exit 0");
    }

    [Fact]
    public void Retries_while_no_silo_answers_then_submits_once_and_watches_that_study()
    {
        var (exit, _) = Run(new() { ["UNREACHABLE"] = "2", ["WATCH_EXIT"] = "0" });
        Assert.Equal(0, exit);
        Assert.Equal([
            "/app/tune.dll submit /app/examples/study.yaml --cluster-id tuning",
            "/app/tune.dll submit /app/examples/study.yaml --cluster-id tuning",
            "/app/tune.dll submit /app/examples/study.yaml --cluster-id tuning",
            "/app/tune.dll watch digits-20261125-0001 --cluster-id tuning",
        ], File.ReadAllLines(Calls));
    }

    [Fact]
    public void Any_other_submit_failure_ends_the_job_with_its_exit_code_and_no_retry()
    {
        var (exit, output) = Run(new() { ["SUBMIT_EXIT"] = "2" });
        Assert.Equal(2, exit);
        Assert.Single(File.ReadAllLines(Calls));
        Assert.Contains("error: bad spec", output);
    }

    [Fact]
    public void The_job_ends_with_the_watchs_exit_code() =>
        Assert.Equal(1, Run(new() { ["WATCH_EXIT"] = "1" }).Exit);

    private (int Exit, string Output) Run(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Repo.File("deploy", "docker", "submit-and-watch.sh"), "/app/examples/study.yaml", "--cluster-id", "tuning" })
            info.ArgumentList.Add(arg);
        info.Environment["PATH"] = $"{bin.FullName}:/usr/bin:/bin";
        info.Environment["CALLS"] = Calls;
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the script did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }

    private void Script(string name, string body)
    {
        var path = Path.Combine(bin.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => bin.Delete(recursive: true);
}
