/**
 * Turns the indentation of list items into nesting depth. Authors indent
 * nested items by 2, 3 or 4 spaces (or tabs), so depth comes from how many
 * distinct smaller indents are open, not from a fixed width.
 */
export interface ListDepth {
  depthOf(indent: string): number;
  reset(): void;
}

export function createListDepth(): ListDepth {
  const open: number[] = [];
  return {
    depthOf(indent) {
      const width = indent.replace(/\t/g, '    ').length;
      while (open.length > 0 && width < (open[open.length - 1] as number)) open.pop();
      if (open.length === 0 || width > (open[open.length - 1] as number)) open.push(width);
      return open.length - 1;
    },
    reset() {
      open.length = 0;
    },
  };
}
