# Optuna 3.1 reference for bench/hpo.ts (issue 7): best value after 25/50/100 trials per seed and CPU ms per trial of
# study.optimize, on the same functions and domains. Needs optuna 3.1.0 (Debian bookworm: /usr/bin/python3 with
# python3-optuna).
#   /usr/bin/python3 bench/hpo-optuna.py [--seeds 10] [--first-seed 0] [--problems branin,hartmann6,rosenbrock10]
#                                         [--samplers tpe,tpe-mv,random] [--curves] [--startups FILE] > out.json
import argparse, json, math, sys, time, warnings
import optuna

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)

def branin(t):
    x1, x2 = t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15)
    b, c, r = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - r) * math.cos(x1) + 10

H_ALPHA = [1.0, 1.2, 3.0, 3.2]
H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H_P = [[v * 1e-4 for v in r] for r in [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
       [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]]

def hartmann6(t):
    x = [t.suggest_float(f"x{j}", 0, 1) for j in range(6)]
    return -sum(H_ALPHA[i] * math.exp(-sum(H_A[i][j] * (x[j] - H_P[i][j]) ** 2 for j in range(6))) for i in range(4))

def rosenbrock10(t):
    x = [t.suggest_float(f"x{j}", -5, 10) for j in range(10)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(9))

PROBLEMS = {"branin": branin, "hartmann6": hartmann6, "rosenbrock10": rosenbrock10}
SAMPLERS = {
    "tpe": lambda s: optuna.samplers.TPESampler(seed=s),
    "tpe-mv": lambda s: optuna.samplers.TPESampler(seed=s, multivariate=True),
    "random": lambda s: optuna.samplers.RandomSampler(seed=s),
}

ap = argparse.ArgumentParser()
ap.add_argument("--seeds", type=int, default=10)
ap.add_argument("--first-seed", type=int, default=0)
ap.add_argument("--trials", type=int, default=100)
ap.add_argument("--problems", default=",".join(PROBLEMS))
ap.add_argument("--samplers", default=",".join(SAMPLERS))
ap.add_argument("--curves", action="store_true", help="also record every trial's value (for trajectory comparisons)")
ap.add_argument("--startups", help="JSON list, per seed from --first-seed, of the first trials' {params} to enqueue "
                "(bench/hpo-dev.ts --write-startups): Optuna then continues from the same random startup as ours")
a = ap.parse_args()
startups = json.load(open(a.startups)) if a.startups else None
rows = []
for p in a.problems.split(","):
    for s in a.samplers.split(","):
        for seed in range(a.first_seed, a.first_seed + a.seeds):
            study = optuna.create_study(sampler=SAMPLERS[s](seed))
            for t in startups[seed - a.first_seed] if startups else []:
                study.enqueue_trial(t["params"])
            c = time.process_time()
            study.optimize(PROBLEMS[p], n_trials=a.trials)
            ms = (time.process_time() - c) * 1000 / a.trials
            best, at = math.inf, {}
            for i, tr in enumerate(study.trials):
                best = min(best, tr.value)
                if i + 1 in (25, 50, 100):
                    at[f"at{i + 1}"] = best
            row = {"problem": p, "sampler": s, "seed": seed, **at, "msPerTrial": ms}
            if a.curves:
                row["values"] = [tr.value for tr in study.trials]
            rows.append(row)
            print(json.dumps(rows[-1]), file=sys.stderr)
print(json.dumps({"optuna": optuna.__version__, "rows": rows}))
