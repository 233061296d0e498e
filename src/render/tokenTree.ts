// markdown-it's flat token stream -> a tree, so each block can be rendered by one small function.
import type { Token } from './markdown.js';

export interface BlockNode {
  /** Token type without `_open` (`paragraph`, `bullet_list`, `footnote`...). */
  type: string;
  token: Token;
  children: BlockNode[];
}

export function toTree(tokens: Token[]): BlockNode[] {
  const root: BlockNode = { type: 'root', token: tokens[0]!, children: [] };
  const stack: BlockNode[] = [root];
  for (const token of tokens) {
    const parent = stack[stack.length - 1]!;
    if (token.nesting === 1) {
      const node = { type: token.type.replace(/_open$/, ''), token, children: [] };
      parent.children.push(node);
      stack.push(node);
    } else if (token.nesting === -1) {
      stack.pop();
    } else {
      parent.children.push({ type: token.type, token, children: [] });
    }
  }
  return root.children;
}
