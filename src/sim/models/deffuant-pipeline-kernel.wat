;; Deffuant–Weisbuch interactions, 'agent' pairing, split in two stages for
;; two threads sharing one memory (deffuant-threads.ts runs them):
;;   draw   (worker thread): the random agent i and its followee j of `count`
;;          interactions, written as (i, j) pairs (j = −1: i follows nobody);
;;   apply  (calling thread): the opinion updates of those pairs, in order.
;; The pairs depend only on the random stream and the graph, never on the
;; opinions, so drawing them ahead on another core and applying them in draw
;; order gives exactly the sequential result (deffuant-kernel.wat: same
;; recurrence, same operations). Each stage waits on its own random reads
;; (the followee array; the opinions), so on two cores they overlap.
;;
;; Alea, as in deffuant-kernel.wat:
;;   t = 2091639 s0 + c 2^-32;  s0 = s1;  s1 = s2;  c = trunc(t);  s2 = t − c
;; Memory (shared, imported): Alea state s0, s1, s2, c (4 × f64) at 0, read and
;; written by `draw` only; the rest is laid out by the host.
;; Assemble with `npm run build:wasm` (writes deffuant-pipeline-kernel-bytes.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  (func (export "draw")
    (param $count i32) (param $n i32) (param $start i32) (param $deg i32) (param $tg i32) (param $out i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $c f64) (local $t f64) (local $nf f64)
    (local $k i32) (local $i i32) (local $d i32) (local $p i32) (local $j i32)
    (local.set $s0 (f64.load (i32.const 0)))
    (local.set $s1 (f64.load (i32.const 8)))
    (local.set $s2 (f64.load (i32.const 16)))
    (local.set $c (f64.load (i32.const 24)))
    (local.set $nf (f64.convert_i32_s (local.get $n)))
    (block $end
      (br_if $end (i32.le_s (local.get $count) (i32.const 0)))
      ;; The agent and the slot of its partner.
      (loop $draw
        (local.set $t (f64.add (f64.mul (f64.const 2091639) (local.get $s0))
                               (f64.mul (local.get $c) (f64.const 2.3283064365386963e-10))))
        (local.set $s0 (local.get $s1))
        (local.set $s1 (local.get $s2))
        (local.set $c (f64.trunc (local.get $t)))
        (local.set $s2 (f64.sub (local.get $t) (local.get $c)))
        (local.set $i (i32.trunc_f64_s (f64.floor (f64.mul (local.get $s2) (local.get $nf)))))
        (local.set $t (f64.add (f64.mul (f64.const 2091639) (local.get $s0))
                               (f64.mul (local.get $c) (f64.const 2.3283064365386963e-10))))
        (local.set $s0 (local.get $s1))
        (local.set $s1 (local.get $s2))
        (local.set $c (f64.trunc (local.get $t)))
        (local.set $s2 (f64.sub (local.get $t) (local.get $c)))
        (local.set $d (i32.load (i32.add (local.get $deg) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (i32.store (local.get $p) (local.get $i))
        (i32.store offset=4 (local.get $p)
          (if (result i32) (i32.eqz (local.get $d))
            (then (i32.const -1))
            (else
              (i32.add
                (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2))))
                (i32.trunc_f64_s (f64.floor (f64.mul (local.get $s2) (f64.convert_i32_s (local.get $d)))))))))
        (br_if $draw (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $count))))
      ;; Slot -> partner: independent reads, many in flight.
      (local.set $k (i32.const 0))
      (loop $partners
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $j (i32.load offset=4 (local.get $p)))
        (if (i32.ge_s (local.get $j) (i32.const 0))
          (then (i32.store offset=4 (local.get $p)
                  (i32.load (i32.add (local.get $tg) (i32.shl (local.get $j) (i32.const 2)))))))
        (br_if $partners (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $count)))))
    (f64.store (i32.const 0) (local.get $s0))
    (f64.store (i32.const 8) (local.get $s1))
    (f64.store (i32.const 16) (local.get $s2))
    (f64.store (i32.const 24) (local.get $c)))

  (func (export "apply")
    (param $count i32) (param $x i32) (param $pairs i32) (param $eps f64) (param $mu f64)
    (local $k i32) (local $p i32) (local $i i32) (local $j i32)
    (local $xi f64) (local $xj f64) (local $diff f64) (local $mv f64) (local $neps f64)
    (local.set $neps (f64.neg (local.get $eps)))
    (block $end
      (br_if $end (i32.le_s (local.get $count) (i32.const 0)))
      (loop $updates
        (local.set $p (i32.add (local.get $pairs) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $j (i32.load offset=4 (local.get $p)))
        (if (i32.ge_s (local.get $j) (i32.const 0))
          (then
            (local.set $i (i32.add (local.get $x) (i32.shl (i32.load (local.get $p)) (i32.const 3))))
            (local.set $j (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $xi (f64.load (local.get $i)))
            (local.set $xj (f64.load (local.get $j)))
            (local.set $diff (f64.sub (local.get $xj) (local.get $xi)))
            (if (i32.and (f64.lt (local.get $diff) (local.get $eps)) (f64.gt (local.get $diff) (local.get $neps)))
              (then
                (local.set $mv (f64.mul (local.get $mu) (local.get $diff)))
                (f64.store (local.get $i) (f64.add (local.get $xi) (local.get $mv)))
                (f64.store (local.get $j) (f64.sub (local.get $xj) (local.get $mv)))))))
        (br_if $updates (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $count)))))))
