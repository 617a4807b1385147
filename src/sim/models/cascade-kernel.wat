;; Independent cascade, one generation, as WebAssembly: the loop of
;; spreadGeneration (independent-cascade.ts) for one probability p on every
;; arc, drawing from the same Alea stream in the same order, so the cascade is
;; the same to the bit. Why a kernel: a cascade on a large graph waits on
;; random reads (a follower's flag, then its row), and V8's code for the
;; TypeScript loop keeps fewer of them in flight than the same loop in
;; WebAssembly (measured against C on 1M nodes / 20M follows: 0.6 of C in
;; TypeScript, 0.7-0.9 here).
;;
;; Memory (offsets in bytes, all given by the caller): Alea state s0, s1, s2, c
;; as f64 at 0, 8, 16, 24; the arcs examined by the last call as i32 at 32;
;; the packed follower rows (row start and length, i32 per node; followers,
;; i32 per arc); the active flags (u8 per node); the cascade's entries (node
;; and parent entry, i32 each).
;;
;; spread(from, to, end, p, start, deg, tg, act, node, parent) -> new end:
;; entries [from, to) try each inactive follower once (one draw each, in row
;; order); a draw u < p activates it as entry `end` with parent = its entry.
(module
  (memory (export "memory") 1)
  (func (export "spread") (param $from i32) (param $to i32) (param $end i32) (param $p f64)
      (param $start i32) (param $deg i32) (param $tg i32) (param $act i32) (param $node i32) (param $parent i32) (result i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $c f64) (local $x f64) (local $q f64)
    (local $e i32) (local $v i32) (local $k i32) (local $k1 i32) (local $u i32) (local $ex i32)
    (local.set $s0 (f64.load (i32.const 0)))
    (local.set $s1 (f64.load (i32.const 8)))
    (local.set $s2 (f64.load (i32.const 16)))
    (local.set $c (f64.load (i32.const 24)))
    (local.set $e (local.get $from))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $e) (local.get $to)))
        (local.set $v (i32.load (i32.add (local.get $node) (i32.shl (local.get $e) (i32.const 2)))))
        (local.set $k (i32.load (i32.add (local.get $start) (i32.shl (local.get $v) (i32.const 2)))))
        (local.set $k1 (i32.add (local.get $k) (i32.load (i32.add (local.get $deg) (i32.shl (local.get $v) (i32.const 2))))))
        (local.set $ex (i32.add (local.get $ex) (i32.sub (local.get $k1) (local.get $k))))
        (block $rowdone
          (loop $arcs
            (br_if $rowdone (i32.ge_s (local.get $k) (local.get $k1)))
            (local.set $u (i32.load (i32.add (local.get $tg) (i32.shl (local.get $k) (i32.const 2)))))
            (if (i32.eqz (i32.load8_u (i32.add (local.get $act) (local.get $u))))
              (then
                ;; Alea in the exact split form of sir.ts: hi = 2091639 * s0, q = floor(hi),
                ;; r = (hi - q) + c * 2^-32; c = q and s2 = r, or c = q + 1 and s2 = r - 1 when r >= 1
                ;; (the same numbers as x = 2091639 * s0 + c * 2^-32, c = floor(x), s2 = x - c;
                ;; the carry no longer waits on the previous draw)
                (local.set $x (f64.mul (f64.const 2091639) (local.get $s0)))
                (local.set $q (f64.trunc (local.get $x)))
                (local.set $x (f64.add (f64.sub (local.get $x) (local.get $q)) (f64.mul (local.get $c) (f64.const 2.3283064365386963e-10))))
                (local.set $c (local.get $q))
                (if (f64.ge (local.get $x) (f64.const 1))
                  (then
                    (local.set $x (f64.sub (local.get $x) (f64.const 1)))
                    (local.set $c (f64.add (local.get $q) (f64.const 1)))))
                (local.set $s0 (local.get $s1))
                (local.set $s1 (local.get $s2))
                (local.set $s2 (local.get $x))
                (if (f64.lt (local.get $s2) (local.get $p))
                  (then
                    (i32.store8 (i32.add (local.get $act) (local.get $u)) (i32.const 1))
                    (i32.store (i32.add (local.get $node) (i32.shl (local.get $end) (i32.const 2))) (local.get $u))
                    (i32.store (i32.add (local.get $parent) (i32.shl (local.get $end) (i32.const 2))) (local.get $e))
                    (local.set $end (i32.add (local.get $end) (i32.const 1)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $arcs)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $rows)))
    (f64.store (i32.const 0) (local.get $s0))
    (f64.store (i32.const 8) (local.get $s1))
    (f64.store (i32.const 16) (local.get $s2))
    (f64.store (i32.const 24) (local.get $c))
    (i32.store (i32.const 32) (local.get $ex))
    (local.get $end)))
