import type { MetaFunction } from '@remix-run/node';

export const meta: MetaFunction = () => [{ title: 'Plenary' }];

export default function Index() {
  return (
    <main className="mx-auto max-w-2xl p-6">
      <h1 className="text-4xl font-bold">Plenary</h1>
      <p className="mt-4 text-lg">Facilitation for mass workers’ assemblies.</p>
    </main>
  );
}
