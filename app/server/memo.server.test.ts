import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { activerMemo, memoiser, REPETITION_SIGNAL_MS, signalerChangement } from "./memo.server";

describe("memoiser", () => {
  let calculs = 0;
  const calcul = (valeur: string) => async () => {
    calculs += 1;
    return valeur;
  };

  beforeEach(() => {
    calculs = 0;
    activerMemo(true);
  });
  afterEach(() => {
    activerMemo(undefined);
    vi.useRealTimers();
  });

  it("partage un calcul entre lectures identiques, même simultanées", async () => {
    const [a, b] = await Promise.all([
      memoiser("k1", ["04"], 1000, calcul("x")),
      memoiser("k1", ["04"], 1000, calcul("y")),
    ]);
    expect([a, b]).toEqual(["x", "x"]);
    expect(await memoiser("k1", ["04"], 1000, calcul("z"))).toBe("x");
    expect(calculs).toBe(1);
  });

  it("oublie une lecture quand son département change, pas celle d'un autre département", async () => {
    await memoiser("k2", ["04"], 60_000, calcul("avant"));
    await memoiser("k3", ["05"], 60_000, calcul("05"));
    signalerChangement("04");
    expect(await memoiser("k2", ["04"], 60_000, calcul("après"))).toBe("après");
    expect(await memoiser("k3", ["05"], 60_000, calcul("autre"))).toBe("05");
  });

  it("garde les lectures quand le changement n'a pas de département (connexion, compte)", async () => {
    await memoiser("k9", ["04"], 60_000, calcul("gardé"));
    signalerChangement(null);
    expect(await memoiser("k9", ["04"], 60_000, calcul("recalculé"))).toBe("gardé");
  });

  it("garde les lectures publiques quand l'écriture n'est pas montrée en public, pas celles de l'espace", async () => {
    await memoiser("k10", ["07"], 60_000, calcul("annuaire"), Date.now, "public");
    await memoiser("k11", ["07"], 60_000, calcul("indicateurs"));
    signalerChangement("07", { publique: false });
    expect(await memoiser("k10", ["07"], 60_000, calcul("reconstruit"), Date.now, "public")).toBe("annuaire");
    expect(await memoiser("k11", ["07"], 60_000, calcul("recalculés"))).toBe("recalculés");
    // A write the public site shows forgets both.
    signalerChangement("07");
    expect(await memoiser("k10", ["07"], 60_000, calcul("nouvel annuaire"), Date.now, "public")).toBe(
      "nouvel annuaire",
    );
  });

  it("oublie une lecture qui dépend de plusieurs départements dès que l'un change", async () => {
    await memoiser("k4", ["04", "05"], 60_000, calcul("national"));
    signalerChangement("05");
    expect(await memoiser("k4", ["04", "05"], 60_000, calcul("recalculé"))).toBe("recalculé");
  });

  it("répète le signal peu après, pour une lecture faite avant la validation de l'écriture", async () => {
    vi.useFakeTimers();
    signalerChangement("06");
    // A read during the write's transaction sees the state before its commit.
    await memoiser("k5", ["06"], 60_000, calcul("vieux"));
    vi.advanceTimersByTime(REPETITION_SIGNAL_MS);
    expect(await memoiser("k5", ["06"], 60_000, calcul("neuf"))).toBe("neuf");
  });

  it("oublie une lecture après sa durée de vie", async () => {
    let t = 1_000;
    await memoiser("k6", ["04"], 500, calcul("a"), () => t);
    t = 1_400;
    expect(await memoiser("k6", ["04"], 500, calcul("b"), () => t)).toBe("a");
    t = 1_600;
    expect(await memoiser("k6", ["04"], 500, calcul("c"), () => t)).toBe("c");
  });

  it("ne garde pas un calcul en échec", async () => {
    await expect(
      memoiser("k7", ["04"], 60_000, async () => {
        throw new Error("base indisponible");
      }),
    ).rejects.toThrow("base indisponible");
    expect(await memoiser("k7", ["04"], 60_000, calcul("rétabli"))).toBe("rétabli");
  });

  it("ne mémorise rien dans les tests des autres modules (NODE_ENV=test)", async () => {
    activerMemo(undefined);
    await memoiser("k8", ["04"], 60_000, calcul("1"));
    expect(await memoiser("k8", ["04"], 60_000, calcul("2"))).toBe("2");
  });
});
