/** What `f` throws, or undefined when it returns (to assert on an error's type and fields). */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}
