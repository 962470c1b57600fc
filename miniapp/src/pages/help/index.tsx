import { Placeholder } from '../../components/Placeholder';

export default function HelpPage() {
  return <Placeholder title='我要求助' />;
}
